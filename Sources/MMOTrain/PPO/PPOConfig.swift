/// Every PPO hyperparameter in one visible value, as CleanRL keeps them in its `Args`. The defaults
/// are what `gridmmo train` uses on a 2-core machine; the sources of each choice are in
/// TRAINING_REFERENCE.md (CleanRL, PufferLib's NMMO3, the 2023 competition baseline).
public struct PPOConfig: Sendable, Equatable {
    /// Environments stepped together (128 agents each by default).
    public var environments = 8
    /// Steps per agent in one rollout before an update.
    public var rolloutSteps = 64
    /// Adam learning rate at the start; annealed linearly to 0 when `annealLearningRate`.
    public var learningRate: Float = 5e-4
    public var annealLearningRate = true
    public var gamma: Float = 0.99
    public var gaeLambda: Float = 0.95
    /// Samples per minibatch (one Adam step each).
    public var minibatchSize = 2048
    public var updateEpochs = 1
    /// With a recurrent policy: the truncated-BPTT horizon. The rollout keeps each agent's state at
    /// the start of every segment of this many steps, and the update replays whole segments from
    /// it (`minibatchSize / bpttSteps` of them per minibatch). Must divide `rolloutSteps`.
    public var bpttSteps = 16
    /// Clip range of the probability ratio and of the value change.
    public var clipCoefficient: Float = 0.2
    public var clipValueLoss = true
    public var entropyCoefficient: Float = 0.01
    public var valueCoefficient: Float = 0.5
    public var maximumGradientNorm: Float = 0.5
    public var normaliseAdvantages = true
    /// Rewards are clamped to [-rewardClamp, rewardClamp] when collected (PufferLib 3).
    public var rewardClamp: Float = 1
    /// Shaping from the 2023 competition baseline, off by default: paid on a tick the agent's
    /// health rises, and per newly reached distance from spawn (an exploration bonus).
    public var healBonus: Float = 0
    public var exploreBonus: Float = 0
    /// An episode ends when this many players or fewer are left (0: play it out); see
    /// `VecEnv.earlyStopPopulation`. Keeps samples coming while the policy still dies young.
    public var earlyStopPopulation = 8
    /// Reward on the tick an agent dies (the environment's death penalty).
    public var deathPenalty: Float = -1
    /// Worker threads for the environment, inference and the update (one BLAS thread each).
    public var threads = 2
    public var seed: UInt64 = 1

    public init() {}
}
