/// A rating as results record it: `mu`, `sigma` and the conservative `ordinal`, `mu - 3 sigma`.
public struct RatingPoint: Sendable, Equatable, Codable {
    public let mu: Double
    public let sigma: Double
    public let ordinal: Double

    public init(_ rating: Rating) {
        mu = rating.mu
        sigma = rating.sigma
        ordinal = rating.ordinal
    }
}
