/// Where a `VecEnv` writes its results: caller-owned flat buffers with their lengths, laid out
/// environment-major (agent `a` of environment `e` is row `e * agentsPerEnv + a`).
///
/// - `observations`: one record of `ObservationLayout.bytesPerAgent` bytes per agent.
/// - `masks`: one row of `ActionLayout.maskWidth` bytes per agent (1 = legal).
/// - `rewards`: one `Float` per agent.
/// - `terminations`: 1 on the tick an agent dies.
/// - `truncations`: 1 for the agents still alive when the episode hits its horizon.
///
/// The memory is what Python's NumPy arrays share through the C ABI, so no copy is ever made.
/// `VecEnv.observe` and `VecEnv.step` check every length once per call (see `StepBufferError`).
public struct StepBuffers: @unchecked Sendable {
    public var observations: UnsafeMutableRawBufferPointer
    public var masks: UnsafeMutableBufferPointer<UInt8>
    public var rewards: UnsafeMutableBufferPointer<Float>
    public var terminations: UnsafeMutableBufferPointer<UInt8>
    public var truncations: UnsafeMutableBufferPointer<UInt8>

    public init(observations: UnsafeMutableRawBufferPointer, masks: UnsafeMutableBufferPointer<UInt8>, rewards: UnsafeMutableBufferPointer<Float>,
                terminations: UnsafeMutableBufferPointer<UInt8>, truncations: UnsafeMutableBufferPointer<UInt8>) {
        self.observations = observations
        self.masks = masks
        self.rewards = rewards
        self.terminations = terminations
        self.truncations = truncations
    }
}

/// A step buffer (or the action buffer) whose length is not what a `VecEnv` needs. `observe` and
/// `step` throw it before touching any memory, so a foreign caller (the C ABI) gets an error code
/// instead of a crash or an overrun.
public struct StepBufferError: Error, Equatable, CustomStringConvertible {
    /// The buffer at fault.
    public enum Buffer: String, Sendable, CaseIterable {
        case observations, masks, rewards, terminations, truncations, actions, seeds

        /// What the buffer's length counts.
        public var unit: String {
            switch self {
            case .observations, .masks, .terminations, .truncations: "bytes"
            case .rewards: "Float32 values"
            case .actions: "Int32 values"
            case .seeds: "seeds (one per environment)"
            }
        }
    }

    public let buffer: Buffer
    /// The length the environment needs, in `buffer.unit`.
    public let expected: Int
    /// The length the caller passed.
    public let given: Int

    public init(buffer: Buffer, expected: Int, given: Int) {
        self.buffer = buffer
        self.expected = expected
        self.given = given
    }

    public var description: String {
        "\(buffer.rawValue) buffer holds \(given) \(buffer.unit), the environment needs exactly \(expected)"
    }

    /// Throws for the first buffer of `buffers` whose length differs from what `env` writes:
    /// `totalAgents` x `bytesPerAgent` (observations), x `maskWidth` (masks), x 1 (the others).
    static func check(_ buffers: StepBuffers, for env: VecEnv) throws(StepBufferError) {
        let agents = env.totalAgents
        try expect(.observations, agents * env.observationLayout.bytesPerAgent, buffers.observations.count)
        try expect(.masks, agents * env.actionLayout.maskWidth, buffers.masks.count)
        try expect(.rewards, agents, buffers.rewards.count)
        try expect(.terminations, agents, buffers.terminations.count)
        try expect(.truncations, agents, buffers.truncations.count)
    }

    /// Throws unless `actions` holds `totalAgents` x `headCount` values.
    static func check(actions: UnsafeBufferPointer<Int32>, for env: VecEnv) throws(StepBufferError) {
        try expect(.actions, env.totalAgents * env.actionLayout.headCount, actions.count)
    }

    private static func expect(_ buffer: Buffer, _ expected: Int, _ given: Int) throws(StepBufferError) {
        if given != expected { throw StepBufferError(buffer: buffer, expected: expected, given: given) }
    }
}

/// Owns a set of step buffers (and an action buffer) sized for a `VecEnv`: the convenient choice
/// for Swift callers; other languages pass their own memory as `StepBuffers`.
public final class StepBufferStorage {
    public let agents: Int
    public let bytesPerAgent: Int
    public let maskWidth: Int
    public let headCount: Int
    public let buffers: StepBuffers
    /// One `Int32` per action head per agent, for the caller to fill before `step`.
    public let actions: UnsafeMutableBufferPointer<Int32>

    public init(for env: VecEnv) {
        agents = env.totalAgents
        bytesPerAgent = env.observationLayout.bytesPerAgent
        maskWidth = env.actionLayout.maskWidth
        headCount = env.actionLayout.headCount
        let observations = UnsafeMutableRawBufferPointer.allocate(byteCount: agents * bytesPerAgent, alignment: 16)
        observations.initializeMemory(as: UInt8.self, repeating: 0)
        buffers = StepBuffers(
            observations: observations,
            masks: Self.zeroed(UInt8.self, agents * maskWidth),
            rewards: Self.zeroed(Float.self, agents),
            terminations: Self.zeroed(UInt8.self, agents),
            truncations: Self.zeroed(UInt8.self, agents)
        )
        actions = Self.zeroed(Int32.self, agents * headCount)
    }

    deinit {
        buffers.observations.deallocate()
        buffers.masks.deallocate()
        buffers.rewards.deallocate()
        buffers.terminations.deallocate()
        buffers.truncations.deallocate()
        actions.deallocate()
    }

    /// The actions as `VecEnv.step` reads them.
    public var actionRows: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(actions) }

    /// The observation bytes of all agents.
    public var observationBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(buffers.observations) }

    /// The observation bytes of one environment's agents.
    public func observationBytes(environment: Int, agentsPerEnv: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: buffers.observations[environment * agentsPerEnv * bytesPerAgent..<(environment + 1) * agentsPerEnv * bytesPerAgent])
    }

    private static func zeroed<T: Numeric>(_ type: T.Type, _ count: Int) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
        buffer.initialize(repeating: 0)
        return buffer
    }
}
