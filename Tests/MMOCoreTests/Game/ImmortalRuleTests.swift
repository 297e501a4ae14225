import Testing
@testable import MMOCore

/// `players.immortal`: every rule still runs and logs its events, but no player dies.
struct ImmortalRuleTests {
    @Test func idlePlayersStarveButNeverDie() {
        var config = Config.default
        config.players.immortal = true
        let world = World(config: config, map: TerrainGenerator.generate(config: config, seed: 1), seed: 11)
        var deaths = 0
        var starvingTicks = 0
        for _ in 0..<60 {
            world.step()
            deaths += RuleWorld.events(world, .death).count
            RuleWorld.expectConsistent(world)
        }
        for slot in 0..<config.players.count where world.entities.food[slot] == 0 { starvingTicks += 1 }
        #expect(deaths == 0)
        #expect(world.livingPlayers == config.players.count)
        // Without immortality all of them die at tick 25; here they are left on 1 health, starving.
        #expect(starvingTicks > config.players.count / 2)
        #expect((0..<config.players.count).allSatisfy { world.entities.alive[$0] != 0 && world.entities.health[$0] >= 1 })
        #expect((0..<config.players.count).contains { world.entities.health[$0] == 1 })
    }

    @Test func aFatalHitIsLoggedButLeavesThePlayerOnOneHealth() {
        var config = RuleWorld.config(players: 2)
        config.players.immortal = true
        let world = RuleWorld.make(config, positions: [(RuleWorld.middle, RuleWorld.middle), (RuleWorld.middle, RuleWorld.middle + 1)])
        world.entities.health[1] = 1
        RuleWorld.attack(world, 0, 1, .melee)
        world.step()
        #expect(RuleWorld.events(world, .scoreHit).count == 1)
        #expect(RuleWorld.events(world, .death).isEmpty)
        #expect(RuleWorld.events(world, .playerKill).isEmpty)
        #expect(world.entities.alive[1] != 0)
        #expect(world.entities.health[1] == 1)
        RuleWorld.expectConsistent(world)
    }

    @Test func npcsStillDie() {
        var config = RuleWorld.config(players: 1, npcs: 1)
        config.players.immortal = true
        let world = RuleWorld.make(config, positions: [(RuleWorld.middle, RuleWorld.middle)])
        let npc = RuleWorld.spawnNPC(world, kind: .passiveNPC, row: RuleWorld.middle, col: RuleWorld.middle + 1)
        world.entities.health[npc] = 1
        RuleWorld.attack(world, 0, npc, .melee)
        world.step()
        #expect(RuleWorld.events(world, .death).count == 1)
        #expect(world.entities.alive[npc] == 0)
    }
}
