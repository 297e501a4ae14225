/// Per-minibatch advantage normalisation as CleanRL does it: (A - mean) / (std + 1e-8) with the
/// minibatch samples' mean and (population) standard deviation, or A unchanged when off.
struct AdvantageNormaliser {
    let enabled: Bool
    let mean: Double
    let std: Double

    /// Moments of `advantages`, the minibatch's samples (at least one).
    init(enabled: Bool, advantages: some Sequence<Float>) {
        self.enabled = enabled
        var count = 0, sum = 0.0, squares = 0.0
        for advantage in advantages {
            let a = Double(advantage)
            count += 1
            sum += a
            squares += a * a
        }
        mean = sum / Double(count)
        std = (max(squares / Double(count) - mean * mean, 0)).squareRoot()
    }

    @inline(__always) func callAsFunction(_ advantage: Float) -> Float {
        enabled ? Float((Double(advantage) - mean) / (std + 1e-8)) : advantage
    }
}
