import MMOEval
import MMONet

/// The interquartile mean (the mean of the middle half: a quarter of the values, rounded down, cut
/// from each end, as `scipy.stats.trim_mean(x, 0.25)` does) with percentile-bootstrap intervals
/// over episodes, for one setting alone or paired against the clean run.
public struct InterquartileMean: Sendable {
    public let resamples: Int
    public let confidence: Double
    public let seed: UInt64

    public init(resamples: Int, confidence: Double = 0.95, seed: UInt64) {
        self.resamples = resamples
        self.confidence = confidence
        self.seed = seed
    }

    /// The IQM of `values` (nan values, such as a group with no agents, are left out).
    public static func of(_ values: [Double]) -> Double {
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return .nan }
        let cut = sorted.count / 4
        let middle = sorted[cut..<sorted.count - cut]
        return middle.reduce(0, +) / Double(middle.count)
    }

    /// The IQM of `values` with its interval (episodes resampled with replacement).
    public func estimate(_ values: [Double]) -> Estimate {
        paired(values, minus: nil)
    }

    /// IQM(values) - IQM(baseline) with its interval, resampling episodes in pairs (`values[i]`
    /// and `baseline[i]` are the same episode), or the plain IQM without a baseline.
    public func paired(_ values: [Double], minus baseline: [Double]?) -> Estimate {
        precondition(baseline.map { $0.count == values.count } ?? true, "paired samples differ in length")
        func statistic(_ a: [Double], _ b: [Double]?) -> Double { Self.of(a) - (b.map(Self.of) ?? 0) }
        let point = statistic(values, baseline)
        guard !values.isEmpty, resamples > 0 else { return Estimate(value: point, lower: point, upper: point) }
        var random = NetRandom(seed: seed)
        var replicates: [Double] = []
        replicates.reserveCapacity(resamples)
        var a = values, b = baseline
        for _ in 0..<resamples {
            for i in values.indices {
                let pick = random.integer(below: values.count)
                a[i] = values[pick]
                if let baseline { b![i] = baseline[pick] }
            }
            let replicate = statistic(a, b)
            if !replicate.isNaN { replicates.append(replicate) }
        }
        guard !replicates.isEmpty else { return Estimate(value: point, lower: point, upper: point) }
        return PercentileInterval(confidence: confidence).estimate(point, replicates: replicates)
    }
}
