/// A statistic and its bootstrap confidence interval, `lower...upper`.
public struct Estimate: Sendable, Equatable, Codable {
    public let value: Double
    public let lower: Double
    public let upper: Double

    public init(value: Double, lower: Double, upper: Double) {
        self.value = value
        self.lower = lower
        self.upper = upper
    }
}
