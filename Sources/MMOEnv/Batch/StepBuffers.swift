/// Where a `VecEnv` writes its results: caller-owned flat buffers, laid out environment-major
/// (agent `a` of environment `e` is row `e * agentsPerEnv + a`).
///
/// - `observations`: one record of `ObservationLayout.bytesPerAgent` bytes per agent.
/// - `masks`: one row of `ActionLayout.maskWidth` bytes per agent (1 = legal).
/// - `rewards`: one `Float` per agent.
/// - `terminations`: 1 on the tick an agent dies.
/// - `truncations`: 1 for the agents still alive when the episode hits its horizon.
///
/// The pointers are what Python's NumPy arrays share through the C ABI, so no copy is ever made.
public struct StepBuffers: @unchecked Sendable {
    public var observations: UnsafeMutableRawPointer
    public var masks: UnsafeMutablePointer<UInt8>
    public var rewards: UnsafeMutablePointer<Float>
    public var terminations: UnsafeMutablePointer<UInt8>
    public var truncations: UnsafeMutablePointer<UInt8>

    public init(observations: UnsafeMutableRawPointer, masks: UnsafeMutablePointer<UInt8>, rewards: UnsafeMutablePointer<Float>, terminations: UnsafeMutablePointer<UInt8>, truncations: UnsafeMutablePointer<UInt8>) {
        self.observations = observations
        self.masks = masks
        self.rewards = rewards
        self.terminations = terminations
        self.truncations = truncations
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
    public let actions: UnsafeMutablePointer<Int32>

    public init(for env: VecEnv) {
        agents = env.totalAgents
        bytesPerAgent = env.observationLayout.bytesPerAgent
        maskWidth = env.actionLayout.maskWidth
        headCount = env.actionLayout.headCount
        let observations = UnsafeMutableRawPointer.allocate(byteCount: max(agents * bytesPerAgent, 1), alignment: 16)
        observations.initializeMemory(as: UInt8.self, repeating: 0, count: max(agents * bytesPerAgent, 1))
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

    /// The observation bytes of all agents.
    public var observationBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: buffers.observations, count: agents * bytesPerAgent)
    }

    /// The observation bytes of one environment's agents.
    public func observationBytes(environment: Int, agentsPerEnv: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: buffers.observations + environment * agentsPerEnv * bytesPerAgent, count: agentsPerEnv * bytesPerAgent)
    }

    private static func zeroed<T: Numeric>(_ type: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
        return pointer
    }
}
