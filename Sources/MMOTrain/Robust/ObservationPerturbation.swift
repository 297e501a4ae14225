import MMOEnv

/// Changes the observations the policy acts on while a `Trainer` collects its rollouts: training
/// under attack, a defence against observation perturbations. The rollout keeps the features the
/// policy acted on, so the update trains on the perturbed ones. MMOAttack implements it
/// (`TrainingUnderAttack`); MMOTrain only calls it.
public protocol ObservationPerturbation: AnyObject {
    /// What perturbs and how much, for logs and checkpoints (one line, no quotes).
    var description: String { get }
    /// The most agents one `perturb` changes.
    var perturbedAgentLimit: Int { get }
    /// Called once per rollout step before the policy acts, with that step's observations and
    /// masks; returns the features to act on (nil: the clean observations).
    func perturb(_ buffers: StepBuffers) -> PerturbedObservations?
    /// Called after every environment step of the rollout, with its done flags.
    func stepped(_ buffers: StepBuffers)
}

/// One step's perturbed features: a batch with one row per agent (row = agent) that the policy
/// reads for every living agent, and the agents whose rows differ from their clean features
/// (at most `perturbedAgentLimit`), ascending.
public struct PerturbedObservations {
    public let features: FeatureBatch
    public let agents: UnsafeBufferPointer<Int32>

    public init(features: FeatureBatch, agents: UnsafeBufferPointer<Int32>) {
        self.features = features
        self.agents = agents
    }
}
