import Foundation
import Testing
@testable import MMOCore

/// Random intents over every action head for thousands of ticks, checking `WorldInvariants`
/// after every tick: whatever the players ask for, the world stays consistent.
/// `GRIDMMO_SOAK_TICKS` overrides the 2,000 ticks per variant for longer runs.
struct SoakTests {
    static let ticks = ProcessInfo.processInfo.environment["GRIDMMO_SOAK_TICKS"].flatMap { Int($0) } ?? 2_000

    /// Four rule variants, so that every system gets exercised.
    static func config(variant: Int) -> Config {
        var config = Config.small
        switch variant {
        case 1:
            // The 2023 competition numbers on the small map.
            let rules = Config.competition2023
            config.combat = rules.combat
            config.progression = rules.progression
            config.items = rules.items
            config.exchange = rules.exchange
            config.comm = rules.comm
            config.npcs.offensePerLevel = rules.npcs.offensePerLevel
            config.npcs.offenseBase = rules.npcs.offenseBase
        case 2:
            // Long lives, no immunity, many rare weapons: lots of fighting, trading and looting.
            config.vitals.foodDecay = 1
            config.vitals.waterDecay = 1
            config.combat.spawnImmunity = 0
            config.progression.rareWeaponPermille = 200
            config.npcs.count = 16
            config.items.giveDistance = 12
        default:
            if variant == 3 {
                // Teams, resilience, the death fog, many NPCs, long listings.
                config.players.teams = 8
                config.vitals.resilientFraction = 0.5
                config.deathFog.enabled = true
                config.deathFog.onset = 40
                config.npcs.count = 64
                config.exchange.listingTicks = 10
                config.combat.spawnImmunity = 5
            }
        }
        return config
    }

    /// Gives every player random items and skills after a reset (variants 2 and 3).
    static func stock(_ world: World, rng: inout Rng) {
        for player in 0..<world.entities.playerCount {
            for _ in 0..<rng.inRange(0...6) {
                let kind = ItemKind.allCases[rng.below(ItemKind.count)]
                world.inventory.add(kind, level: Int32(rng.inRange(1...10)), quantity: kind.stacks ? Int32(rng.inRange(1...20)) : 1, to: player)
            }
            for skill in Skill.allCases where rng.chance(0.5) {
                let index = player * Skill.count + skill.rawValue
                world.entities.experience[index] = Int32(rng.below(2000))
                world.entities.skillLevel[index] = world.config.progression.level(forExperience: world.entities.experience[index])
            }
        }
    }

    /// Writes random intents for every living player into every head, mostly valid, sometimes not.
    static func randomIntents(_ world: World, rng: inout Rng) {
        let entities = world.entities
        let intents = world.intents
        let slots = world.inventory.slots
        var listed: [Int32] = []
        for entry in 0..<MarketBoard.entryCount where world.market.listingCount[entry] > 0 { listed.append(Int32(entry)) }
        for player in 0..<entities.playerCount where entities.alive[player] != 0 {
            intents.move[player] = UInt8(rng.below(Direction.count))
            if rng.chance(0.6) {
                var near: [Int] = []
                for other in 0..<entities.capacity where other != player && entities.alive[other] != 0 && world.distance(player, other) <= 3 { near.append(other) }
                let target = !near.isEmpty && rng.chance(0.9) ? near[rng.below(near.count)] : rng.inRange(-1...entities.capacity)
                intents.attackTarget[player] = Int32(target)
                intents.attackStyle[player] = UInt8(rng.below(rng.chance(0.95) ? CombatStyle.count : 5))
            }
            if rng.chance(0.3) { intents.use[player] = Int32(rng.inRange(-1...slots)) }
            if rng.chance(0.05) { intents.destroy[player] = Int32(rng.inRange(-1...slots)) }
            if rng.chance(0.3) {
                intents.giveItem[player] = Int32(rng.inRange(-1...slots))
                intents.giveTarget[player] = Int32(randomReceiver(world, player, rng: &rng))
            }
            if rng.chance(0.3) {
                intents.sellItem[player] = Int32(rng.inRange(-1...slots))
                intents.sellPrice[player] = Int32(rng.chance(0.9) ? rng.inRange(1...20) : rng.inRange(-2...110))
            }
            if rng.chance(0.4) {
                intents.buy[player] = !listed.isEmpty && rng.chance(0.9) ? listed[rng.below(listed.count)] : Int32(rng.inRange(-1...MarketBoard.entryCount))
            }
            if rng.chance(0.3) {
                intents.giveGoldAmount[player] = Int32(rng.inRange(-1...6))
                intents.giveGoldTarget[player] = Int32(randomReceiver(world, player, rng: &rng))
            }
            intents.comm[player] = Int32(rng.inRange(-2...130))
        }
    }

    /// A nearby player most of the time, else any slot (possibly invalid).
    private static func randomReceiver(_ world: World, _ player: Int, rng: inout Rng) -> Int {
        let entities = world.entities
        var near: [Int] = []
        for other in 0..<entities.playerCount where other != player && entities.alive[other] != 0 && world.distance(player, other) <= 8 { near.append(other) }
        if !near.isEmpty && rng.chance(0.8) { return near[rng.below(near.count)] }
        return rng.inRange(-1...entities.capacity)
    }

    @Test(arguments: 0..<4)
    func randomIntentsKeepEveryInvariant(variant: Int) {
        let config = Self.config(variant: variant)
        let maps = (0..<2).map { TerrainGenerator.generate(config: config, seed: UInt64(100 + 10 * variant + $0)) }
        var rng = Rng(seed: UInt64(variant), stream: .policy)
        var episode = 0
        let world = World(config: config, map: maps[0], seed: UInt64(1000 * variant))
        if variant >= 2 { Self.stock(world, rng: &rng) }
        var totals: [EventKind: Int] = [:]
        var failures = 0
        for _ in 0..<Self.ticks {
            if world.isOver {
                episode += 1
                world.reset(map: maps[episode % 2], seed: UInt64(1000 * variant + episode))
                if variant >= 2 { Self.stock(world, rng: &rng) }
                let violations = WorldInvariants.violations(in: world)
                #expect(violations.isEmpty, "variant \(variant) after reset \(episode): \(violations.prefix(5))")
            }
            Self.randomIntents(world, rng: &rng)
            world.step()
            for event in world.events.events { totals[event.kind, default: 0] += 1 }
            let violations = WorldInvariants.violations(in: world)
            if !violations.isEmpty {
                Issue.record("variant \(variant) episode \(episode) tick \(world.tick): \(violations.prefix(5))")
                failures += 1
                if failures >= 3 { break }
            }
        }
        // The random play reached every system.
        var expected: [EventKind] = [.scoreHit, .playerKill, .consumeItem, .giveItem, .destroyItem, .equipItem, .giveGold, .listItem, .buyItem, .earnGold, .levelUp, .death]
        if variant >= 2 { expected += [.lootItem, .fireAmmo] }
        for kind in expected { #expect(totals[kind, default: 0] > 0, "variant \(variant): no \(kind.name) in \(episode + 1) episodes") }
    }

    @Test func invariantsCatchBrokenWorlds() {
        let config = RuleWorld.config(players: 2)
        let world = RuleWorld.make(config, positions: [(32, 32), (32, 33)])
        #expect(WorldInvariants.violations(in: world).isEmpty)
        world.entities.gold[0] += 3
        #expect(WorldInvariants.violations(in: world).contains { $0.contains("gold") })
        world.entities.gold[0] -= 3
        let row = RuleWorld.give(world, .hat, to: 0)
        world.inventory.itemID[world.inventory.row(1, 0)] = world.inventory.itemID[row]
        world.inventory.kind[world.inventory.row(1, 0)] = ItemKind.hat.rawValue
        world.inventory.level[world.inventory.row(1, 0)] = 1
        world.inventory.quantity[world.inventory.row(1, 0)] = 1
        #expect(WorldInvariants.violations(in: world).contains { $0.contains("item id") })
        world.inventory.remove(at: world.inventory.row(1, 0))
        world.inventory.equipped[row] = 1
        #expect(WorldInvariants.violations(in: world).contains { $0.contains("equipped") })
        world.inventory.equipped[row] = 0
        world.entities.row[1] = 20  // moved without updating the occupancy lists
        #expect(WorldInvariants.violations(in: world).contains { $0.contains("occupancy") })
        world.entities.row[1] = 32
        world.entities.health[1] = 101
        #expect(WorldInvariants.violations(in: world).contains { $0.contains("health") })
        world.entities.health[1] = 100
        #expect(WorldInvariants.violations(in: world).isEmpty)
    }
}
