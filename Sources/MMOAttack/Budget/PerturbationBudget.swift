/// How much an attack may change one agent's observation at one step.
///
/// - Numeric features: each may move at most `epsilon` times its valid range's width
///   (L-infinity on range-normalised features) and stays inside its valid range. With
///   `realisable`, every perturbed value is also one the game could produce (the encoding of an
///   integer in range).
/// - Tiles: at most `tileFlips` of the window's tiles change material (L0); a flipped tile takes
///   another valid material and keeps its occupant.
/// - The goal (task embedding and task progress) is perturbed only with `perturbsTask`, a separate
///   ablation. Action masks, the entity and item rows that actions point at (their presence and
///   kind) and the agent's own id are never perturbed.
public struct PerturbationBudget: Sendable, Equatable, Codable {
    public var epsilon: Float
    public var tileFlips: Int
    public var realisable: Bool
    public var perturbsTask: Bool

    public init(epsilon: Float, tileFlips: Int = 0, realisable: Bool = false, perturbsTask: Bool = false) {
        self.epsilon = epsilon
        self.tileFlips = tileFlips
        self.realisable = realisable
        self.perturbsTask = perturbsTask
    }

    /// No perturbation at all (the clean baseline).
    public static let none = PerturbationBudget(epsilon: 0)
}
