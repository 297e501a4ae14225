import ArgumentParser
import MMOAttack
import MMOEnv
import MMOTrain

/// `gridmmo train`'s options for training under attack (the defence against observation
/// perturbations): which attack perturbs the rollouts' observations, its L-infinity budget, the
/// share of agents attacked and PGD's steps (`TrainingUnderAttack`).
struct RobustTrainingOptions: ParsableArguments {
    @Option(help: "Train under attack: perturb the observations of a share of the agents in every rollout with pgd (adversarial training against the current policy), fgsm, gaussian or uniform noise.")
    var robustAttack: TrainingUnderAttack.Kind?

    @Option(parsing: .unconditional, help: "With --robust-attack: the L-infinity budget, a fraction of each feature's range (default 0.05).")
    var robustEpsilon: Float?

    @Option(parsing: .unconditional, help: "With --robust-attack: the share of each environment's agents attacked (default 0.5).")
    var robustFraction: Double?

    @Option(parsing: .unconditional, help: "With --robust-attack pgd: PGD steps per rollout step (default \(TrainingUnderAttack.defaultSteps)).")
    var robustSteps: Int?

    @Option(parsing: .unconditional, help: "With --robust-attack: tile flips per attacked agent and step (default 0).")
    var robustTileFlips: Int?

    func validate() throws {
        guard let robustAttack else {
            for (given, name) in [(robustEpsilon != nil, "epsilon"), (robustFraction != nil, "fraction"), (robustSteps != nil, "steps"),
                                  (robustTileFlips != nil, "tile-flips")] where given {
                throw ValidationError("--robust-\(name) needs --robust-attack (pgd, fgsm, gaussian or uniform)")
            }
            return
        }
        if let robustEpsilon, !(robustEpsilon > 0 && robustEpsilon <= 1) {
            throw ValidationError("--robust-epsilon must be in (0, 1], got \(robustEpsilon)")
        }
        if let robustFraction, !(robustFraction > 0 && robustFraction <= 1) {
            throw ValidationError("--robust-fraction must be in (0, 1], got \(robustFraction)")
        }
        if let robustSteps {
            guard robustAttack == .pgd else { throw ValidationError("--robust-steps applies to --robust-attack pgd only, not \(robustAttack.rawValue)") }
            guard (1...100).contains(robustSteps) else { throw ValidationError("--robust-steps must be in 1...100, got \(robustSteps)") }
        }
        if let robustTileFlips, !(0...225).contains(robustTileFlips) {
            throw ValidationError("--robust-tile-flips must be in 0...225 (the tiles of a 15 x 15 window), got \(robustTileFlips)")
        }
    }

    /// What the trainer perturbs its rollouts with (nil without --robust-attack).
    func perturbation(seed: UInt64) -> ((VecEnv, PolicyNetwork) -> ObservationPerturbation)? {
        guard let robustAttack else { return nil }
        let budget = PerturbationBudget(epsilon: robustEpsilon ?? 0.05, tileFlips: robustTileFlips ?? 0)
        let fraction = robustFraction ?? 0.5, steps = robustSteps ?? TrainingUnderAttack.defaultSteps
        return { env, network in
            TrainingUnderAttack(kind: robustAttack, budget: budget, fraction: fraction, steps: steps, seed: seed, env: env, network: network)
        }
    }
}

extension TrainingUnderAttack.Kind: ExpressibleByArgument {}
