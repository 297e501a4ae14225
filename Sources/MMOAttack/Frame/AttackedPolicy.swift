import Dispatch
import MMOEnv
import MMONet
import MMOTrain

/// A learned policy under an observation attack, as a `BatchPolicy`: each step the frame reads
/// the clean observations, the attack perturbs the attacked agents' features, the frame projects
/// them onto the budget, and the network acts on the result. Without an attack it acts exactly as
/// `LearnedPolicy` with the same seed (the clean baseline pairs with every attacked run).
public final class AttackedPolicy: BatchPolicy, @unchecked Sendable {
    public let frame: AttackFrame
    public let attack: ObservationAttack?
    /// The victim, acting on the frame's features.
    private let policy: LearnedPolicy
    /// Nanoseconds spent in the attack (perturb and project) and in the policy (features and network).
    public private(set) var attackNanoseconds: UInt64 = 0
    public private(set) var policyNanoseconds: UInt64 = 0

    public init(network: PolicyNetwork, env: VecEnv, frame: AttackFrame, attack: ObservationAttack?, seed: UInt64) {
        precondition(frame.totalAgents == env.totalAgents, "the frame is for \(frame.totalAgents) agents, the environment has \(env.totalAgents)")
        self.frame = frame
        self.attack = attack
        policy = LearnedPolicy(network: network, env: env, seed: seed)
    }

    public func act(env: VecEnv, buffers: StepBuffers, actions: UnsafeMutableBufferPointer<Int32>) {
        let start = DispatchTime.now().uptimeNanoseconds
        frame.load(buffers)
        let loaded = DispatchTime.now().uptimeNanoseconds
        if let attack {
            attack.perturb(frame)
            frame.project()
        }
        let attacked = DispatchTime.now().uptimeNanoseconds
        policy.act(buffers: buffers, actions: actions, features: frame.features)
        let end = DispatchTime.now().uptimeNanoseconds
        attackNanoseconds += attacked - loaded
        policyNanoseconds += (loaded - start) + (end - attacked)
    }

    /// Records the done flags of the step that followed the last `act` (per-agent attack state,
    /// such as Ornstein-Uhlenbeck noise, restarts with a new episode).
    public func stepped(_ buffers: StepBuffers) {
        frame.noteEpisodeEnds(buffers)
    }
}
