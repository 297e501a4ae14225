/// The attacks `gridmmo attack` runs, by their command-line names.
public enum AttackKind: String, Sendable, Codable, CaseIterable {
    /// No attack: the baseline every setting is compared with.
    case clean
    case uniform, gaussian, exponential, ou
    case hadamard
    /// Hadamard on the places f_theta selects (the most aligned).
    case hadamardTargeted = "hadamard-targeted"
    case align
    /// Align on the most aligned places only.
    case alignTargeted = "align-targeted"
    /// White-box: one signed-gradient step, or K projected steps, on the victim policy.
    case fgsm, pgd

    /// Whether the attack fits f_theta on collected samples (the sample budget matters).
    public var usesSamples: Bool { self == .align || self == .alignTargeted || self == .hadamardTargeted }
    /// Whether the attack takes K gradient steps per environment step.
    public var usesSteps: Bool { self == .align || self == .alignTargeted || self == .pgd }
    public var isNoise: Bool { self == .uniform || self == .gaussian || self == .exponential || self == .ou }
    /// Whether the attacked places come from f_theta rather than the seed.
    public var isTargeted: Bool { self == .alignTargeted || self == .hadamardTargeted }
}
