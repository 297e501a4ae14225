import MMOEnv
import MMOTrain

/// Training under attack, the defence, as a `Trainer`'s `ObservationPerturbation`: at every
/// rollout step an attack perturbs the observations of a fixed share of the agents within a budget,
/// and the policy acts, and is trained, on what it saw. With the white-box PGD attack against the
/// policy being trained (the default) this is adversarial training in Madry et al.'s sense
/// (arXiv:1706.06083): PGD maximises -max pi inside the budget, PPO then learns from the perturbed
/// samples; FGSM is its one-step variant; the noise kinds train under random noise of the same budget.
///
/// The attacked agents are round(fraction x agents per environment) positions drawn from the seed,
/// the same in every environment: the whole environment is one group, since these attacks ignore
/// teams and a run without teams has none. The white-box kinds need a feedforward policy.
public final class TrainingUnderAttack: ObservationPerturbation {
    /// The attack trained against.
    public enum Kind: String, Sendable, CaseIterable {
        case pgd, fgsm, gaussian, uniform

        /// Whether it reads the policy's gradients.
        public var isWhiteBox: Bool { self == .pgd || self == .fgsm }
    }

    /// PGD steps when not given: a third of the 10 the evaluation uses, for training speed.
    public static let defaultSteps = 3
    public let frame: AttackFrame
    public let attack: ObservationAttack
    public let description: String
    public var perturbedAgentLimit: Int { frame.targets.groups * frame.targets.groupSize }

    /// `steps` is PGD's (ignored by the other kinds); `seed` draws the attacked positions and the noise.
    public init(kind: Kind, budget: PerturbationBudget, fraction: Double, steps: Int = defaultSteps, seed: UInt64, env: VecEnv, network: PolicyNetwork) {
        precondition(fraction > 0 && fraction <= 1, "the attacked fraction must be in (0, 1]")
        let targets = AttackTargets.random(fraction: fraction, agentsPerEnv: env.agentsPerEnv, environments: env.environmentCount,
                                           teamSize: env.agentsPerEnv, seed: seed)
        frame = AttackFrame(surface: AttackSurface(features: network.observation), targets: targets, budget: budget,
                            maskWidth: env.actionLayout.maskWidth, threads: env.threads)
        switch kind {
        case .pgd: attack = WhiteBoxAttack(network: network, method: .pgd(steps: steps))
        case .fgsm: attack = WhiteBoxAttack(network: network, method: .fgsm)
        case .gaussian: attack = NoiseAttack(kind: .gaussian, seed: seed)
        case .uniform: attack = NoiseAttack(kind: .uniform, seed: seed)
        }
        description = "\(kind.rawValue) epsilon \(budget.epsilon) tile-flips \(budget.tileFlips) fraction \(fraction)"
            + (kind == .pgd ? " steps \(steps)" : "")
    }

    public func perturb(_ buffers: StepBuffers) -> PerturbedObservations? {
        frame.load(buffers)
        attack.perturb(frame)
        frame.project()
        return PerturbedObservations(features: frame.features, agents: UnsafeBufferPointer(start: frame.attacked, count: frame.attackedCount))
    }

    public func stepped(_ buffers: StepBuffers) {
        frame.noteEpisodeEnds(buffers)
    }
}
