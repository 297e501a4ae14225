/// One point of an attack study: the attack, its budget, the fraction of each team attacked, the
/// attacker's sample budget (for f_theta) and gradient steps K. Settings that do not use samples
/// or K carry 0 there.
public struct AttackSetting: Sendable, Equatable, Codable {
    public let attack: AttackKind
    public let budget: PerturbationBudget
    public let fraction: Double
    public let samples: Int
    public let steps: Int

    public init(attack: AttackKind, budget: PerturbationBudget, fraction: Double, samples: Int = 0, steps: Int = 0) {
        self.attack = attack
        self.budget = attack == .clean ? .none : budget
        self.fraction = attack == .clean ? 0 : fraction
        self.samples = attack.usesSamples ? samples : 0
        self.steps = attack.usesSteps ? max(steps, 1) : (attack == .fgsm ? 1 : 0)
    }

    public static let clean = AttackSetting(attack: .clean, budget: .none, fraction: 0)

    /// A short label: "align eps=0.1 k=0 m=50% n=1000 K=1".
    public var label: String {
        guard attack != .clean else { return "clean" }
        var parts = [attack.rawValue, "eps=\(budget.epsilon)", "k=\(budget.tileFlips)", "m=\(Int((fraction * 100).rounded()))%"]
        if samples > 0 { parts.append("n=\(samples)") }
        if attack.usesSteps { parts.append("K=\(steps)") }
        if budget.realisable { parts.append("realisable") }
        if budget.perturbsTask { parts.append("task") }
        return parts.joined(separator: " ")
    }

    /// Every combination of the lists (the sweep), without repeats: samples only vary for attacks
    /// that fit f_theta, K only for those that take gradient steps.
    public static func sweep(attacks: [AttackKind], epsilons: [Float], flips: [Int], fractions: [Double], samples: [Int], steps: [Int],
                             realisable: Bool, perturbsTask: Bool) -> [AttackSetting] {
        var settings: [AttackSetting] = []
        for attack in attacks where attack != .clean {
            for epsilon in epsilons {
                for k in flips {
                    for fraction in fractions {
                        for n in attack.usesSamples ? samples : [0] {
                            for K in attack.usesSteps ? steps : [0] {
                                let budget = PerturbationBudget(epsilon: epsilon, tileFlips: k, realisable: realisable, perturbsTask: perturbsTask)
                                let setting = AttackSetting(attack: attack, budget: budget, fraction: fraction, samples: n, steps: K)
                                if !settings.contains(setting) { settings.append(setting) }
                            }
                        }
                    }
                }
            }
        }
        return settings
    }
}
