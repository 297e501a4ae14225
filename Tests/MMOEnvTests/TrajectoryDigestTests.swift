import Foundation
import MMOCore
import MMOEnv
import MMOTasks
import Testing

/// One fixed scenario whose whole trajectory is pinned to a digest, so any change to the rules,
/// the maps, the random streams, the observation format or the rewards shows up as a failure here.
///
/// Updating: only after a deliberate rule or format change, never to silence an unexplained
/// difference (see README, "Pinned trajectory digest"). Run
/// `GRIDMMO_UPDATE_DIGEST=1 swift test --traits Viewer --filter TrajectoryDigestTests`, which
/// prints the new value, and replace `pinned` below with it.
struct TrajectoryDigestTests {
    static let pinned: UInt64 = 0xA5ED58BBD058A630

    /// FNV-1a chained over every step's observations, masks, rewards, terminations and truncations,
    /// and every environment's tick and entity positions, health and vitals: two `small`
    /// environments on two generated maps, with tasks, the random policy (seed 7) and 160 ticks,
    /// which cross auto-resets.
    static func digest() throws -> UInt64 {
        let config = Config.small
        let maps = (1...2).map { TerrainGenerator.generate(config: config, seed: UInt64($0)) }
        let curriculum = Curriculum(specs: [
            TaskSpec(name: "eat", predicate: .countEvent(event: Int(EventKind.eatFood.rawValue), count: 2)),
            TaskSpec(name: "travel", predicate: .distanceTraveled(distance: 6), weight: 2),
            TaskSpec(name: "hit", predicate: .scoreHit(combatStyle: CombatStyle.melee.rawValue, count: 3)),
            TaskSpec(name: "both", predicate: .and([.stayAlive, .tickGE(numTick: 50)]), rewardTo: .team),
        ])
        let env = VecEnv(config: config, maps: maps, environmentCount: 2, seed: 7, threads: 1, curriculum: curriculum)
        let storage = StepBufferStorage(for: env)
        let policy = RandomPolicy(env: env, seed: 7)
        var hasher = FNV1a()
        try env.observe(into: storage.buffers)
        for _ in 0..<160 {
            policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
            try env.step(actions: storage.actionRows, into: storage.buffers)
            let buffers = storage.buffers
            hasher.add(UnsafeRawBufferPointer(buffers.observations))
            hasher.add(UnsafeRawBufferPointer(buffers.masks))
            hasher.add(UnsafeRawBufferPointer(buffers.rewards))
            hasher.add(UnsafeRawBufferPointer(buffers.terminations))
            hasher.add(UnsafeRawBufferPointer(buffers.truncations))
            for index in 0..<env.environmentCount {
                let world = env.world(index)
                let entities = world.entities
                hasher.add(Int64(world.tick))
                for column in [entities.row, entities.col, entities.health, entities.food, entities.water] {
                    hasher.add(UnsafeRawBufferPointer(column.buffer))
                }
                hasher.add(UnsafeRawBufferPointer(entities.alive.buffer))
            }
        }
        #expect(env.finishedEpisodes.count > 0, "the scenario should cross an auto-reset")
        return hasher.value
    }

    @Test func trajectoryMatchesThePinnedDigest() throws {
        let digest = try Self.digest()
        let hex = "0x" + String(digest, radix: 16, uppercase: true)
        if ProcessInfo.processInfo.environment["GRIDMMO_UPDATE_DIGEST"] == "1" {
            print("TrajectoryDigestTests: new pinned digest \(hex); set `static let pinned: UInt64 = \(hex)`")
            return
        }
        #expect(digest == Self.pinned, """
            trajectory digest \(hex) differs from the pinned 0x\(String(Self.pinned, radix: 16, uppercase: true)); \
            if a deliberate rule or format change explains it, pin the new value (GRIDMMO_UPDATE_DIGEST=1 prints it, see README)
            """)
    }
}
