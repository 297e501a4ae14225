import MMOCore
import MMOEnv
import MMOTasks
import Testing

/// The same seed and actions give bit-identical observations whatever the thread count or batch size.
struct DeterminismTests {
    /// Runs `envs` environments from `seed` with random valid actions and returns, per environment,
    /// an FNV-1a digest chained over its observation bytes, masks and outcomes at every tick.
    private func digests(config: Config, maps: [GameMap], envs: Int, seed: UInt64, threads: Int, ticks: Int, expectReset: Bool = true, curriculum: Curriculum? = nil) throws -> [UInt64] {
        let env = VecEnv(config: config, maps: maps, environmentCount: envs, seed: seed, threads: threads, curriculum: curriculum)
        let storage = StepBufferStorage(for: env)
        let policy = RandomPolicy(env: env, seed: seed)
        var hashers = [FNV1a](repeating: FNV1a(), count: envs)
        try env.observe(into: storage.buffers)
        let agents = env.agentsPerEnv
        for _ in 0..<ticks {
            policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
            try env.step(actions: storage.actionRows, into: storage.buffers)
            for index in 0..<envs {
                hashers[index].add(storage.observationBytes(environment: index, agentsPerEnv: agents))
                hashers[index].add(UnsafeRawBufferPointer(start: storage.buffers.masks.baseAddress! + index * agents * env.actionLayout.maskWidth, count: agents * env.actionLayout.maskWidth))
                hashers[index].add(UnsafeRawBufferPointer(start: storage.buffers.rewards.baseAddress! + index * agents, count: agents * 4))
                hashers[index].add(UnsafeRawBufferPointer(start: storage.buffers.terminations.baseAddress! + index * agents, count: agents))
                hashers[index].add(UnsafeRawBufferPointer(start: storage.buffers.truncations.baseAddress! + index * agents, count: agents))
            }
        }
        if expectReset { #expect(env.finishedEpisodes.count > 0, "the run should cross at least one auto-reset") }
        return hashers.map(\.value)
    }

    @Test func digestsMatchAcrossThreadCountsAndBatchSizes() throws {
        let config = Config.small
        let maps = (0..<3).map { TerrainGenerator.generate(config: config, seed: 100 + UInt64($0)) }
        let seed: UInt64 = 42
        let reference = try digests(config: config, maps: maps, envs: 8, seed: seed, threads: 1, ticks: 160)
        #expect(Set(reference).count == 8, "different environments should play differently")
        for threads in [2, 4] {
            #expect(try digests(config: config, maps: maps, envs: 8, seed: seed, threads: threads, ticks: 160) == reference)
        }
        let singles = try (0..<8).map { try digests(config: config, maps: maps, envs: 1, seed: seed + UInt64($0), threads: 1, ticks: 160)[0] }
        #expect(singles == reference)
    }

    @Test(arguments: ["default", "competition2023"])
    func fullGameDigestsMatchAcrossThreadCounts(preset: String) throws {
        let config = Config.preset(named: preset)!
        let maps = [TerrainGenerator.generate(config: config, seed: 9)]
        let one = try digests(config: config, maps: maps, envs: 4, seed: 5, threads: 1, ticks: 40, expectReset: false)
        #expect(Set(one).count == 4)
        #expect(try digests(config: config, maps: maps, envs: 4, seed: 5, threads: 2, ticks: 40, expectReset: false) == one)
        #expect(try digests(config: config, maps: maps, envs: 4, seed: 5, threads: 4, ticks: 40, expectReset: false) == one)
    }

    @Test func taskRewardsAndObservationsMatchAcrossThreadCountsAndBatchSizes() throws {
        let config = Config.small
        let maps = [TerrainGenerator.generate(config: config, seed: 21)]
        let curriculum = Curriculum(specs: [
            TaskSpec(name: "eat", predicate: .countEvent(event: Int(EventKind.eatFood.rawValue), count: 2)),
            TaskSpec(name: "travel", predicate: .distanceTraveled(distance: 6), weight: 2),
            TaskSpec(name: "hit", predicate: .scoreHit(combatStyle: CombatStyle.melee.rawValue, count: 3)),
            TaskSpec(name: "both", predicate: .and([.stayAlive, .tickGE(numTick: 50)]), rewardTo: .team),
        ])
        let reference = try digests(config: config, maps: maps, envs: 4, seed: 3, threads: 1, ticks: 80, expectReset: false, curriculum: curriculum)
        #expect(try digests(config: config, maps: maps, envs: 4, seed: 3, threads: 2, ticks: 80, expectReset: false, curriculum: curriculum) == reference)
        let singles = try (0..<4).map { try digests(config: config, maps: maps, envs: 1, seed: 3 + UInt64($0), threads: 1, ticks: 80, expectReset: false, curriculum: curriculum)[0] }
        #expect(singles == reference)
    }
}
