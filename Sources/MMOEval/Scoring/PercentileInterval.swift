/// The percentile bootstrap interval of a statistic: the `(1 - confidence) / 2` and
/// `(1 + confidence) / 2` quantiles of its bootstrap replicates, each interpolated linearly between
/// the two nearest order statistics (NumPy's default `linear` method).
public struct PercentileInterval: Sendable {
    public let confidence: Double

    public init(confidence: Double) { self.confidence = confidence }

    /// `point` with the interval of `replicates` (not empty).
    public func estimate(_ point: Double, replicates: [Double]) -> Estimate {
        let sorted = replicates.sorted()
        return Estimate(
            value: point,
            lower: Self.quantile(sorted, (1 - confidence) / 2),
            upper: Self.quantile(sorted, (1 + confidence) / 2)
        )
    }

    /// The `probability` quantile of ascending `sorted` values.
    public static func quantile(_ sorted: [Double], _ probability: Double) -> Double {
        let position = Double(sorted.count - 1) * probability
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        return sorted[below] + (position - Double(below)) * (sorted[above] - sorted[below])
    }

    /// `point`'s measures with the intervals of `replicates`.
    func measures(_ point: Tally, replicates: [Tally]) -> Measures {
        let estimates = Tally.fields.map { field in
            estimate(point[keyPath: field], replicates: replicates.map { $0[keyPath: field] })
        }
        return Measures(score: estimates[0], meanProgress: estimates[1], partialFraction: estimates[2])
    }
}
