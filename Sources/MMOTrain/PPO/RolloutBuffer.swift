import MMONet

/// One rollout of `steps` x `agents` entries, time-major (entry `t * agents + a`), allocated once:
/// the raw observation records and masks the policy saw (re-read at update time, which costs less
/// memory than storing features), the actions it took, their summed log-probabilities, the value
/// estimates, rewards, done flags, and which entries are samples (the agent was alive). For a
/// recurrent policy it also keeps every agent's state at the start of each segment of
/// `segmentSteps` steps.
public final class RolloutBuffer: @unchecked Sendable {
    public let steps: Int
    public let agents: Int
    public let bytesPerAgent: Int
    public let maskWidth: Int
    public let headCount: Int
    public let observations: UnsafeMutableRawPointer
    public let masks: UnsafeMutablePointer<UInt8>
    public let actions: UnsafeMutablePointer<Int32>
    public let logProbs: UnsafeMutablePointer<Float>
    public let values: UnsafeMutablePointer<Float>
    public let rewards: UnsafeMutablePointer<Float>
    public let dones: UnsafeMutablePointer<UInt8>
    public let valid: UnsafeMutablePointer<UInt8>
    public let advantages: UnsafeMutablePointer<Float>
    public let returns: UnsafeMutablePointer<Float>
    /// Value of each agent's observation after the rollout's last step (GAE's bootstrap).
    public let finalValues: UnsafeMutablePointer<Float>
    /// Steps per recurrent segment, and the agents' states at each segment's start,
    /// [steps / segmentSteps, agents, stateWidth] (nil without recurrence).
    public let segmentSteps: Int
    public let segmentStates: Tensor?

    public var entries: Int { steps * agents }

    /// `stateWidth` > 0 keeps recurrent states for segments of `segmentSteps`, which must divide `steps`.
    public init(steps: Int, agents: Int, bytesPerAgent: Int, maskWidth: Int, headCount: Int, segmentSteps: Int = 1, stateWidth: Int = 0) {
        precondition(segmentSteps > 0 && steps % segmentSteps == 0, "segments of \(segmentSteps) steps do not divide a rollout of \(steps)")
        self.steps = steps
        self.agents = agents
        self.bytesPerAgent = bytesPerAgent
        self.maskWidth = maskWidth
        self.headCount = headCount
        let entries = steps * agents
        observations = .allocate(byteCount: entries * bytesPerAgent, alignment: 64)
        observations.initializeMemory(as: UInt8.self, repeating: 0, count: entries * bytesPerAgent)
        func zeros<T: Numeric>(_ count: Int, _: T.Type) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: count)
            pointer.initialize(repeating: 0, count: count)
            return pointer
        }
        masks = zeros(entries * maskWidth, UInt8.self)
        actions = zeros(entries * headCount, Int32.self)
        logProbs = zeros(entries, Float.self)
        values = zeros(entries, Float.self)
        rewards = zeros(entries, Float.self)
        dones = zeros(entries, UInt8.self)
        valid = zeros(entries, UInt8.self)
        advantages = zeros(entries, Float.self)
        returns = zeros(entries, Float.self)
        finalValues = zeros(agents, Float.self)
        self.segmentSteps = segmentSteps
        segmentStates = stateWidth > 0 ? Tensor(shape: [steps / segmentSteps, agents, stateWidth]) : nil
    }

    deinit {
        observations.deallocate()
        masks.deallocate()
        actions.deallocate()
        logProbs.deallocate()
        values.deallocate()
        rewards.deallocate()
        dones.deallocate()
        valid.deallocate()
        advantages.deallocate()
        returns.deallocate()
        finalValues.deallocate()
    }

    /// The observation record of an entry.
    @inline(__always) public func observation(_ entry: Int) -> UnsafeMutableRawPointer { observations + entry * bytesPerAgent }
    @inline(__always) public func mask(_ entry: Int) -> UnsafeMutablePointer<UInt8> { masks + entry * maskWidth }
    @inline(__always) public func action(_ entry: Int) -> UnsafeMutablePointer<Int32> { actions + entry * headCount }

    /// Indices of the entries that are samples, in order.
    public func sampleIndices() -> [Int32] {
        var indices: [Int32] = []
        indices.reserveCapacity(entries)
        for entry in 0..<entries where valid[entry] != 0 { indices.append(Int32(entry)) }
        return indices
    }
}
