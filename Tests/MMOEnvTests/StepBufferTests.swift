import MMOCore
import MMOEnv
import Testing

/// `VecEnv.observe` and `step` check every buffer length before touching memory and throw a
/// `StepBufferError` naming the buffer, the needed and the given length.
struct StepBufferTests {
    /// Buffers of the lengths `env` needs, except `wrong`, which gets `delta` more elements.
    private final class Buffers {
        let buffers: StepBuffers
        let actions: UnsafeMutableBufferPointer<Int32>

        init(for env: VecEnv, wrong: StepBufferError.Buffer?, delta: Int) {
            func length(_ buffer: StepBufferError.Buffer, _ needed: Int) -> Int { buffer == wrong ? needed + delta : needed }
            let agents = env.totalAgents
            let observations = UnsafeMutableRawBufferPointer.allocate(byteCount: length(.observations, agents * env.observationLayout.bytesPerAgent), alignment: 16)
            observations.initializeMemory(as: UInt8.self, repeating: 0xAB)
            buffers = StepBuffers(
                observations: observations,
                masks: Self.filled(length(.masks, agents * env.actionLayout.maskWidth), 0xAB),
                rewards: Self.filled(length(.rewards, agents), 42),
                terminations: Self.filled(length(.terminations, agents), 0xAB),
                truncations: Self.filled(length(.truncations, agents), 0xAB)
            )
            actions = Self.filled(length(.actions, agents * env.actionLayout.headCount), 0)
        }

        deinit {
            buffers.observations.deallocate()
            buffers.masks.deallocate()
            buffers.rewards.deallocate()
            buffers.terminations.deallocate()
            buffers.truncations.deallocate()
            actions.deallocate()
        }

        /// Whether every step buffer still holds what `init` wrote.
        var untouched: Bool {
            buffers.observations.allSatisfy { $0 == 0xAB } && buffers.masks.allSatisfy { $0 == 0xAB } && buffers.rewards.allSatisfy { $0 == 42 }
                && buffers.terminations.allSatisfy { $0 == 0xAB } && buffers.truncations.allSatisfy { $0 == 0xAB }
        }

        private static func filled<T>(_ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
            buffer.initialize(repeating: value)
            return buffer
        }
    }

    private func makeEnv() -> VecEnv {
        let config = Config.small
        return VecEnv(config: config, maps: [TerrainGenerator.generate(config: config, seed: 3)], environmentCount: 2, seed: 1, threads: 1)
    }

    private func needed(_ buffer: StepBufferError.Buffer, _ env: VecEnv) -> Int {
        let agents = env.totalAgents
        switch buffer {
        case .observations: return agents * env.observationLayout.bytesPerAgent
        case .masks: return agents * env.actionLayout.maskWidth
        case .rewards, .terminations, .truncations: return agents
        case .actions: return agents * env.actionLayout.headCount
        case .seeds: return env.environmentCount
        }
    }

    @Test func rightLengthsPass() throws {
        let env = makeEnv()
        let buffers = Buffers(for: env, wrong: nil, delta: 0)
        try env.observe(into: buffers.buffers)
        try env.step(actions: UnsafeBufferPointer(buffers.actions), into: buffers.buffers)
        #expect(env.world(0).tick == 1)
    }

    @Test(arguments: [StepBufferError.Buffer.observations, .masks, .rewards, .terminations, .truncations], [-1, 1])
    func observeRejectsWrongLength(buffer: StepBufferError.Buffer, delta: Int) {
        let env = makeEnv()
        let buffers = Buffers(for: env, wrong: buffer, delta: delta)
        let expected = needed(buffer, env)
        #expect(throws: StepBufferError(buffer: buffer, expected: expected, given: expected + delta)) {
            try env.observe(into: buffers.buffers)
        }
        #expect(buffers.untouched, "a rejected call must write nothing")
    }

    @Test(arguments: StepBufferError.Buffer.allCases.filter { $0 != .seeds }, [-1, 1])
    func stepRejectsWrongLength(buffer: StepBufferError.Buffer, delta: Int) {
        let env = makeEnv()
        let buffers = Buffers(for: env, wrong: buffer, delta: delta)
        let expected = needed(buffer, env)
        #expect(throws: StepBufferError(buffer: buffer, expected: expected, given: expected + delta)) {
            try env.step(actions: UnsafeBufferPointer(buffers.actions), into: buffers.buffers)
        }
        #expect(buffers.untouched, "a rejected call must write nothing")
        #expect(env.world(0).tick == 0 && env.world(1).tick == 0, "a rejected step must not advance any world")
    }

    @Test func emptyBuffersAreRejected() {
        let env = makeEnv()
        let empty = StepBuffers(observations: UnsafeMutableRawBufferPointer(start: nil, count: 0), masks: .init(start: nil, count: 0),
                                rewards: .init(start: nil, count: 0), terminations: .init(start: nil, count: 0), truncations: .init(start: nil, count: 0))
        #expect(throws: StepBufferError(buffer: .observations, expected: needed(.observations, env), given: 0)) {
            try env.observe(into: empty)
        }
    }

    @Test func messageNamesBufferAndLengths() {
        let error = StepBufferError(buffer: .rewards, expected: 128, given: 64)
        #expect(error.description == "rewards buffer holds 64 Float32 values, the environment needs exactly 128")
    }
}
