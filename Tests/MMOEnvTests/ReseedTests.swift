import MMOCore
import MMOEnv
import MMOTasks
import Testing

/// `VecEnv.reset(seeds:)` starts over exactly as a new environment made with those seeds.
struct ReseedTests {
    private let config = Config.small
    private let maps = (0..<3).map { TerrainGenerator.generate(config: Config.small, seed: 300 + UInt64($0)) }
    private let curriculum = Curriculum(specs: [
        TaskSpec(name: "eat", predicate: .countEvent(event: Int(EventKind.eatFood.rawValue), count: 2)),
        TaskSpec(name: "travel", predicate: .distanceTraveled(distance: 6), weight: 2),
    ])

    /// A digest chained over every buffer after each of `ticks` random steps, and the task ids.
    private func play(_ env: VecEnv, _ storage: StepBufferStorage, ticks: Int, policySeed: UInt64) throws -> UInt64 {
        let policy = RandomPolicy(env: env, seed: policySeed)
        var hasher = FNV1a()
        for _ in 0..<ticks {
            policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
            try env.step(actions: storage.actionRows, into: storage.buffers)
            hasher.add(storage.observationBytes)
            hasher.add(UnsafeRawBufferPointer(storage.buffers.masks))
            hasher.add(UnsafeRawBufferPointer(storage.buffers.rewards))
            hasher.add(UnsafeRawBufferPointer(storage.buffers.terminations))
            hasher.add(UnsafeRawBufferPointer(storage.buffers.truncations))
            for world in 0..<env.environmentCount {
                for agent in 0..<env.agentsPerEnv { hasher.add(UInt64(env.taskIndex(environment: world, agent: agent)!)) }
            }
        }
        return hasher.value
    }

    @Test func resetWithSeedsPlaysLikeANewEnvironment() throws {
        let fresh = VecEnv(config: config, maps: maps, environmentCount: 3, seed: 70, threads: 2, curriculum: curriculum)
        let freshStorage = StepBufferStorage(for: fresh)
        try fresh.observe(into: freshStorage.buffers)
        let firstObservation = Array(freshStorage.observationBytes)
        let expected = try play(fresh, freshStorage, ticks: 150, policySeed: 9)
        #expect(fresh.finishedEpisodes.count > 0, "the run should cross an auto-reset")

        let reused = VecEnv(config: config, maps: maps, environmentCount: 3, seed: 1, threads: 1, curriculum: curriculum)
        let storage = StepBufferStorage(for: reused)
        try reused.observe(into: storage.buffers)
        _ = try play(reused, storage, ticks: 97, policySeed: 4)
        storage.buffers.rewards[0] = 5
        try reused.reset(seeds: [70, 71, 72], into: storage.buffers)
        #expect(Array(storage.observationBytes) == firstObservation)
        #expect(storage.buffers.rewards.allSatisfy { $0 == 0 })
        #expect(try play(reused, storage, ticks: 150, policySeed: 9) == expected)
    }

    @Test func resetNeedsOneSeedPerEnvironment() throws {
        let env = VecEnv(config: config, maps: maps, environmentCount: 2, seed: 1, threads: 1)
        let storage = StepBufferStorage(for: env)
        try env.observe(into: storage.buffers)
        let before = Array(storage.observationBytes)
        #expect(throws: StepBufferError(buffer: .seeds, expected: 2, given: 3)) { try env.reset(seeds: [1, 2, 3], into: storage.buffers) }
        #expect(Array(storage.observationBytes) == before)
        #expect(StepBufferError(buffer: .seeds, expected: 2, given: 3).description == "seeds buffer holds 3 seeds (one per environment), the environment needs exactly 2")
    }
}
