/// One player's skill belief in a Weng-Lin rating: a normal distribution with mean `mu` and
/// standard deviation `sigma`.
public struct Rating: Sendable, Equatable {
    /// The believed skill.
    public var mu: Double
    /// The uncertainty of that belief.
    public var sigma: Double

    public init(mu: Double, sigma: Double) {
        self.mu = mu
        self.sigma = sigma
    }

    /// A conservative skill, `mu - 3 sigma`: the true skill is above it with about 99.9% belief.
    /// Leaderboards sort by it so that a player with few games does not top the table by luck.
    public var ordinal: Double { mu - 3 * sigma }
}
