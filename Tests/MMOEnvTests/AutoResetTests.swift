import MMOCore
import MMOEnv
import Testing

/// `AutoReset.nextStep` shows an episode's final observation and starts the next episode one
/// step later; the episodes themselves are those `sameStep` plays.
struct AutoResetTests {
    /// Small worlds cut at tick 20, every agent doing nothing (no random stream to keep in step).
    private func makeEnv(_ mode: AutoReset) -> (VecEnv, StepBufferStorage) {
        var config = Config.small
        config.episode.horizon = 20
        let maps = (0..<2).map { TerrainGenerator.generate(config: config, seed: 60 + UInt64($0)) }
        let env = VecEnv(config: config, maps: maps, environmentCount: 2, seed: 8, threads: 2, autoReset: mode)
        let storage = StepBufferStorage(for: env)
        for agent in 0..<env.totalAgents {
            for (index, head) in env.actionLayout.heads.enumerated() { storage.actions[agent * env.actionLayout.headCount + index] = head.nothing }
        }
        return (env, storage)
    }

    private func tick(_ storage: StepBufferStorage, agent: Int) -> Int32 {
        storage.observationBytes.load(fromByteOffset: agent * storage.bytesPerAgent, as: Int32.self)
    }

    private struct Snapshot: Equatable {
        let observations: [UInt8], masks: [UInt8], rewards: [Float], terminations: [UInt8], truncations: [UInt8]
        init(_ storage: StepBufferStorage) {
            observations = Array(storage.observationBytes)
            masks = Array(storage.buffers.masks)
            rewards = Array(storage.buffers.rewards)
            terminations = Array(storage.buffers.terminations)
            truncations = Array(storage.buffers.truncations)
        }
    }

    @Test func theFinalObservationComesFirstThenTheSameNextEpisode() throws {
        let (same, sameStorage) = makeEnv(.sameStep)
        let (next, nextStorage) = makeEnv(.nextStep)
        try same.observe(into: sameStorage.buffers)
        try next.observe(into: nextStorage.buffers)
        for step in 1...20 {
            try same.step(actions: sameStorage.actionRows, into: sameStorage.buffers)
            try next.step(actions: nextStorage.actionRows, into: nextStorage.buffers)
            if step < 20 {
                let matches = Snapshot(sameStorage) == Snapshot(nextStorage)
                #expect(matches, "step \(step) differs")
            }
        }
        // Step 20 cut the episode: both report the truncation; next-step shows the world at tick 20.
        let sameTruncations = Array(sameStorage.buffers.truncations) == Array(nextStorage.buffers.truncations)
        #expect(sameTruncations)
        #expect(sameStorage.buffers.truncations.contains(1))
        #expect(tick(sameStorage, agent: 0) == 0 && tick(nextStorage, agent: 0) == 20)
        #expect(same.finishedEpisodes.count == 2 && next.finishedEpisodes.count == 0)
        let stepsBefore = next.agentSteps

        // The next step starts the same next episode, with nothing to report, and steps no agent.
        try next.step(actions: nextStorage.actionRows, into: nextStorage.buffers)
        let firstObservationsMatch = Array(nextStorage.observationBytes) == Array(sameStorage.observationBytes)
        #expect(firstObservationsMatch)
        #expect(nextStorage.buffers.rewards.allSatisfy { $0 == 0 } && !nextStorage.buffers.truncations.contains(1) && !nextStorage.buffers.terminations.contains(1))
        #expect(next.agentSteps == stepsBefore && next.finishedEpisodes.count == 2)
        // The rest of that episode (it too is cut at tick 20) plays the same, one call later.
        for step in 1...20 {
            try same.step(actions: sameStorage.actionRows, into: sameStorage.buffers)
            try next.step(actions: nextStorage.actionRows, into: nextStorage.buffers)
            if step < 20 {
                let matches = Snapshot(sameStorage) == Snapshot(nextStorage)
                #expect(matches, "step \(step) of the second episode differs")
            }
        }
        #expect(tick(nextStorage, agent: 0) == 20 && same.finishedEpisodes.count == 4)
    }

    @Test func aResetClearsAPendingEpisodeStart() throws {
        let (env, storage) = makeEnv(.nextStep)
        try env.observe(into: storage.buffers)
        for _ in 1...20 { try env.step(actions: storage.actionRows, into: storage.buffers) }
        #expect(tick(storage, agent: 0) == 20)
        try env.reset(seeds: [8, 9], into: storage.buffers)
        try env.step(actions: storage.actionRows, into: storage.buffers)
        #expect(tick(storage, agent: 0) == 1, "after a reset, the next step is an ordinary step")
    }
}
