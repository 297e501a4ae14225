import MMOEnv
import MMONet

/// A trained `PolicyNetwork` acting as a `BatchPolicy`: every living agent samples its actions from
/// the network under the environment's masks (or, with `greedy`, takes each head's most likely
/// option). Agent a at the policy's step s draws from a stream seeded by (seed, s, a), so runs repeat
/// exactly whatever the thread count. A recurrent network's agents start each episode from a zero
/// state: the done flags of the step that wrote `buffers` reset them.
public final class LearnedPolicy: BatchPolicy, @unchecked Sendable {
    public let network: PolicyNetwork
    public let greedy: Bool
    private let inference: PolicyInference
    private let seed: UInt64
    private var steps: UInt64 = 0

    public init(network: PolicyNetwork, env: VecEnv, seed: UInt64, greedy: Bool = false) {
        self.network = network
        self.greedy = greedy
        self.seed = seed
        network.setTasks(env.taskEmbeddings)
        inference = PolicyInference(network: network, totalAgents: env.totalAgents, threads: env.threads)
    }

    public func act(env: VecEnv, buffers: StepBuffers, actions: UnsafeMutableBufferPointer<Int32>) {
        act(buffers: buffers, actions: actions, features: nil)
    }

    /// One step as `act(env:buffers:actions:)`, reading each living agent's network input from
    /// row `agent` of `features` when given (an attack's perturbed features) instead of its observation.
    public func act(buffers: StepBuffers, actions: UnsafeMutableBufferPointer<Int32>, features: FeatureBatch?) {
        steps += 1
        inference.resetStates(endedIn: buffers)
        inference.act(buffers: buffers, actions: actions, stepSeed: seed &* 0x9E37_79B9_7F4A_7C15 &+ steps &* 0xBF58_476D_1CE4_E5B9,
                      greedy: greedy, features: features)
    }
}
