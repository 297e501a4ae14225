import Testing
@testable import MMOCore

/// Neural MMO 2.1.2's tick order (`World.step`): the players' update (vitals, eating and drinking,
/// harvesting) comes before the actions, and resources respawn after the dead are removed. Each
/// test shows one consequence measured on the reference; each would fail under the old order
/// (actions first, then respawn, vitals, foraging and harvesting).
struct TickOrderRuleTests {
    /// `RuleWorld.config` with the default regeneration, decay and damage.
    private func config(players: Int = 2) -> Config {
        var config = RuleWorld.config(players: players)
        let vitals = Config.small.vitals
        config.vitals = vitals
        return config
    }

    @Test func aHitIsNotPartlyHealedByTheSameTicksRegeneration() {
        let world = RuleWorld.make(config(), positions: [(32, 32), (32, 33)])
        RuleWorld.attack(world, 0, 1, .melee)
        world.step()
        #expect(RuleWorld.events(world, .scoreHit).first?.number == 10)
        // Full health: regeneration (capped at 100) came first, then the hit.
        #expect(world.entities.health[1] == 90)
        world.step()
        #expect(world.entities.health[1] == 100)

        // A hit of 10 on 8 health no longer kills: 8 + 10 regenerated, then 10 taken.
        let second = RuleWorld.make(config(), positions: [(32, 32), (32, 33)])
        second.entities.health[1] = 8
        RuleWorld.attack(second, 0, 1, .melee)
        second.step()
        #expect(second.entities.alive[1] == 1 && second.entities.health[1] == 8)
        #expect(RuleWorld.events(second, .playerKill).isEmpty)
        RuleWorld.expectConsistent(second)
    }

    @Test func aRationsRestoreIsNotDecayedInTheSameTick() {
        let world = RuleWorld.make(config(players: 1), positions: [(32, 32)])
        let ration = RuleWorld.give(world, .ration, level: 1, to: 0)
        world.entities.food[0] = 80
        world.entities.water[0] = 60
        world.intents.use[0] = Int32(ration % world.inventory.slots)
        world.step()
        // Decay first (80 -> 75, 60 -> 55), then +55 each, capped at 100.
        #expect(RuleWorld.events(world, .consumeItem).count == 1)
        #expect(world.entities.food[0] == 100 && world.entities.water[0] == 100)
        world.step()
        #expect(world.entities.food[0] == 95 && world.entities.water[0] == 95)
    }

    @Test func aTileHarvestedInATickCanRespawnAtItsEnd() {
        var config = config(players: 2)
        config.resources.foilageRespawn = 1
        config.resources.oreRespawn = 1
        let world = RuleWorld.make(config, overrides: [(32, 32, .foilage), (40, 40, .ore)], positions: [(32, 32), (40, 40)])
        for tick in 1...3 {
            world.step()
            #expect(RuleWorld.events(world, .eatFood).count == 1, "tick \(tick)")
            #expect(RuleWorld.events(world, .harvestItem).count == 1, "tick \(tick)")
            #expect(world.tiles.material(row: 32, col: 32) == .foilage, "tick \(tick)")
            #expect(world.tiles.material(row: 40, col: 40) == .ore, "tick \(tick)")
        }
        let whetstones = RuleWorld.rows(world, 1, .whetstone)
        #expect(whetstones.count == 1 && world.inventory.quantity[whetstones[0]] == 3)
        RuleWorld.expectConsistent(world)
    }

    @Test func aPlayerWhomStarvationKillsStillDrinksAndHarvestsThatTick() {
        let world = RuleWorld.make(config(players: 1), overrides: [(31, 32, .water), (32, 32, .herb)], positions: [(32, 32)])
        world.entities.health[0] = 20
        world.entities.food[0] = 0
        world.entities.water[0] = 0
        world.step()
        // 20 starvation and dehydration damage brings it to 0; it drinks and picks the Herb, then dies.
        #expect(RuleWorld.events(world, .drinkWater).count == 1)
        #expect(RuleWorld.events(world, .harvestItem).count == 1)
        #expect(world.tiles.material(row: 32, col: 32) == .weeds)
        let death = RuleWorld.events(world, .death).first
        #expect(death?.entity == 0 && death?.type == DeathCause.starvation.rawValue)
        #expect(world.entities.alive[0] == 0 && world.entities.deathTick[0] == 1)
        RuleWorld.expectConsistent(world)
    }

    @Test func aPlayerEatsWhereItStoodBeforeItsMove() {
        let world = RuleWorld.make(config(players: 1), overrides: [(32, 33, .foilage)], positions: [(32, 32)])
        world.intents.move[0] = Direction.east.rawValue
        world.step()
        // Eating comes before moving: the Foilage it stepped onto is eaten in the next tick.
        #expect(world.entities.col[0] == 33)
        #expect(RuleWorld.events(world, .eatFood).isEmpty)
        world.step()
        #expect(RuleWorld.events(world, .eatFood).count == 1)
        #expect(world.tiles.material(row: 32, col: 33) == .scrub)
    }

    @Test func aResilientPlayerNextToWaterDiesAtTick40() {
        var config = Config.small
        config.players.count = 1
        config.vitals.resilientFraction = 1
        let world = World(config: config, map: HandMadeMap.make(config: config), seed: 3)
        let row = Int(world.entities.row[0]), col = Int(world.entities.col[0])
        // Water on the inward neighbour of the spawn tile (which is on the perimeter ring).
        let low = config.map.playableMin, high = config.map.playableMax
        let inward = row == low ? (row + 1, col) : row == high ? (row - 1, col) : col == low ? (row, col + 1) : (row, col - 1)
        let map = HandMadeMap.make(config: config, overrides: [(inward.0, inward.1, .water)])
        world.reset(map: map, seed: 3)
        #expect(world.entities.row[0] == Int32(row) && world.entities.col[0] == Int32(col))
        while world.livingPlayers > 0 && world.tick < 100 { world.step() }
        #expect(world.entities.deathTick[0] == 40)
    }
}
