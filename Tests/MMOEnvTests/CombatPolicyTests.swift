import Foundation
import MMOCore
import MMOEnv
import Testing

/// `CombatPolicy`: every action it sends is legal under the masks, its play does not depend on the
/// thread count or batch size, and it fights far more than the forager while living about as long.
struct CombatPolicyTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Per-environment tallies gathered in `VecEnv.afterTick` (each environment's row is touched only
    /// by the thread stepping it).
    /// Event counts per environment, added to from each environment's own thread (`afterTick`):
    /// every environment has its own counter object, so no two threads write the same memory.
    private final class Tally: @unchecked Sendable {
        private final class Counts {
            var hits = 0, damage = 0, npcHits = 0, npcDamage = 0, npcKills = 0, combatLevelUps = 0, uses = 0, destroys = 0, harvests = 0
        }

        private let counts: [Counts]

        init(environments: Int) {
            counts = (0..<environments).map { _ in Counts() }
        }

        var hits: [Int] { counts.map(\.hits) }
        var damage: [Int] { counts.map(\.damage) }
        var npcHits: [Int] { counts.map(\.npcHits) }
        var npcDamage: [Int] { counts.map(\.npcDamage) }
        var npcKills: [Int] { counts.map(\.npcKills) }
        var combatLevelUps: [Int] { counts.map(\.combatLevelUps) }
        var uses: [Int] { counts.map(\.uses) }
        var destroys: [Int] { counts.map(\.destroys) }
        var harvests: [Int] { counts.map(\.harvests) }

        func add(environment: Int, world: World) {
            let players = world.entities.playerCount
            let count = counts[environment]
            for event in world.events.events {
                switch event.kind {
                case .scoreHit where event.entity < players:
                    count.hits += 1
                    count.damage += Int(event.number)
                    if event.target >= players {
                        count.npcHits += 1
                        count.npcDamage += Int(event.number)
                    }
                case .death where event.entity >= players && event.target >= 0 && event.target < players:
                    count.npcKills += 1
                case .consumeItem, .equipItem:
                    count.uses += 1
                case .levelUp where event.type < Int16(CombatStyle.count):
                    count.combatLevelUps += 1
                case .destroyItem:
                    count.destroys += 1
                case .harvestItem:
                    count.harvests += 1
                default:
                    break
                }
            }
        }
    }

    @Test(arguments: [("small", false, true), ("small", true, false), ("default", false, false), ("competition2023", false, true)])
    func everyActionIsLegalUnderTheMasks(preset: String, immortal: Bool, teamsMarketAndComm: Bool) throws {
        var config = Config.preset(named: preset)!
        config.players.immortal = immortal
        if teamsMarketAndComm {
            config.players.teams = 8
            config.exchange.enabled = true
            config.comm.enabled = true
        }
        config.combat.spawnImmunity = 5
        let maps = [TerrainGenerator.generate(config: config, seed: 31)]
        let env = VecEnv(config: config, maps: maps, environmentCount: 2, seed: 11, threads: 2)
        let storage = StepBufferStorage(for: env)
        let policy = CombatPolicy(env: env, seed: 11)
        let tally = Tally(environments: env.environmentCount)
        env.afterTick = { tally.add(environment: $0, world: $1) }
        // Stock every inventory, so that equipping, eating, drinking and destroying all come up.
        for environment in 0..<env.environmentCount {
            let world = env.world(environment)
            for agent in 0..<env.agentsPerEnv {
                for (index, kind) in ItemKind.allCases.enumerated() where (index + agent) % 2 == 0 {
                    _ = world.inventory.add(kind, level: Int32(1 + (index + agent) % 2), to: agent)
                }
            }
        }
        try env.observe(into: storage.buffers)
        let layout = env.actionLayout
        var illegal = 0, attacks = 0
        for _ in 0..<(preset == "default" ? 96 : 200) {
            policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
            for agent in 0..<env.totalAgents {
                let mask = storage.buffers.masks.baseAddress! + agent * layout.maskWidth
                for (index, head) in layout.heads.enumerated() {
                    let option = Int(storage.actions[agent * layout.headCount + index])
                    guard (0..<head.size).contains(option), mask[head.maskOffset + option] != 0 else {
                        illegal += 1
                        if illegal <= 10 { Issue.record("agent \(agent): \(head.name) option \(option) is masked out") }
                        continue
                    }
                    if index == ActionHeadKind.attackTarget.rawValue && option != Int(head.nothing) { attacks += 1 }
                }
            }
            try env.step(actions: storage.actionRows, into: storage.buffers)
        }
        #expect(illegal == 0 && env.illegalActions == 0)
        // The run must reach the states where each choice is made, or legality proves little.
        #expect(attacks > 0 && tally.hits.reduce(0, +) > 0, "attacks")
        #expect(tally.uses.reduce(0, +) > 0, "uses")
        #expect(tally.harvests.reduce(0, +) > 0, "harvests")
    }

    /// A digest of every environment's actions, observations and masks, tick by tick.
    private func digests(config: Config, maps: [GameMap], envs: Int, seed: UInt64, threads: Int, ticks: Int) throws -> [UInt64] {
        let env = VecEnv(config: config, maps: maps, environmentCount: envs, seed: seed, threads: threads)
        let storage = StepBufferStorage(for: env)
        let policy = CombatPolicy(env: env, seed: seed)
        var hashers = [FNV1a](repeating: FNV1a(), count: envs)
        try env.observe(into: storage.buffers)
        let agents = env.agentsPerEnv, layout = env.actionLayout
        for _ in 0..<ticks {
            policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
            for index in 0..<envs {
                hashers[index].add(UnsafeRawBufferPointer(start: storage.actions.baseAddress! + index * agents * layout.headCount, count: agents * layout.headCount * 4))
            }
            try env.step(actions: storage.actionRows, into: storage.buffers)
            for index in 0..<envs {
                hashers[index].add(storage.observationBytes(environment: index, agentsPerEnv: agents))
                hashers[index].add(UnsafeRawBufferPointer(start: storage.buffers.masks.baseAddress! + index * agents * layout.maskWidth, count: agents * layout.maskWidth))
            }
        }
        return hashers.map(\.value)
    }

    @Test func playIsTheSameForAnyThreadCountOrBatchSize() throws {
        let config = Config.small
        let maps = (0..<2).map { TerrainGenerator.generate(config: config, seed: 50 + UInt64($0)) }
        let one = try digests(config: config, maps: maps, envs: 4, seed: 3, threads: 1, ticks: 160)
        #expect(Set(one).count == 4, "different environments should play differently")
        #expect(try digests(config: config, maps: maps, envs: 4, seed: 3, threads: 2, ticks: 160) == one)
        let singles = try (0..<4).map { try digests(config: config, maps: maps, envs: 1, seed: 3 + UInt64($0), threads: 1, ticks: 160)[0] }
        #expect(singles == one)
    }

    /// Runs 8 default environments on the shipped training maps for 512 ticks and returns the
    /// summed tallies and the players alive at the end.
    private func play(_ makePolicy: (VecEnv) -> BatchPolicy) throws -> (tally: Tally, alive: Int) {
        let config = Config.default
        let maps = try MapSet.load(directory: Self.root.appendingPathComponent("maps/train").path, config: config).maps
        let env = VecEnv(config: config, maps: maps, environmentCount: 8, seed: 1, threads: 2)
        let storage = StepBufferStorage(for: env)
        let policy = makePolicy(env)
        let tally = Tally(environments: env.environmentCount)
        env.afterTick = { tally.add(environment: $0, world: $1) }
        try env.observe(into: storage.buffers)
        for _ in 0..<512 {
            policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
            try env.step(actions: storage.actionRows, into: storage.buffers)
        }
        #expect(env.illegalActions == 0)
        #expect(env.finishedEpisodes.count == 0, "512 ticks stay inside the first episode")
        return (tally, (0..<env.environmentCount).reduce(0) { $0 + env.world($1).livingPlayers })
    }

    /// 8 default environments x 512 ticks on `maps/train`, seed 1 (deterministic). Measured when
    /// written: combat 37,962 hits (18,868 on NPCs), 230,473 damage to NPCs, 1,866 NPC kills, 1,381
    /// combat level-ups, 21,693 harvests, 310 of 1,024 alive; forager 33,884 hits (8,292 on NPCs),
    /// 81,651 damage to NPCs, 568 NPC kills, 877 combat level-ups, 3,992 harvests, 153 alive.
    @Test func fightsFarMoreThanTheForagerAndSurvivesAboutAsWell() throws {
        let combat = try play { CombatPolicy(env: $0, seed: 1) }
        let forager = try play { ForagerPolicy(env: $0, seed: 1) }
        func sum(_ values: [Int]) -> Int { values.reduce(0, +) }
        func describe(_ run: (tally: Tally, alive: Int)) -> String {
            let tally = run.tally
            return "\(sum(tally.hits)) hits (\(sum(tally.npcHits)) on NPCs), \(sum(tally.damage)) damage (\(sum(tally.npcDamage)) to NPCs), "
                + "\(sum(tally.npcKills)) NPC kills, \(sum(tally.combatLevelUps)) combat level-ups, \(sum(tally.harvests)) harvests, \(run.alive) of 1024 alive"
        }
        let summary = "combat: \(describe(combat)); forager: \(describe(forager))"
        print(summary)
        // Every hit is 6 combat experience; the forager's random attacks spread theirs over three
        // styles and mostly hit the players crowding it, the combat policy's hit NPCs and level one style.
        #expect(sum(combat.tally.hits) >= sum(forager.tally.hits), "combat experience: \(summary)")
        #expect(sum(combat.tally.combatLevelUps) * 10 >= sum(forager.tally.combatLevelUps) * 13, "combat levels: \(summary)")
        #expect(sum(combat.tally.npcDamage) >= 2 * sum(forager.tally.npcDamage), "damage to NPCs: \(summary)")
        #expect(sum(combat.tally.npcKills) >= 2 * sum(forager.tally.npcKills), "NPC kills: \(summary)")
        #expect(sum(combat.tally.harvests) >= 2 * sum(forager.tally.harvests), "harvests: \(summary)")
        #expect(combat.alive * 10 >= forager.alive * 9, "survivors: \(summary)")
    }
}
