import MMONet

/// Compares analytic gradients with central finite differences. A check runs `loss` (a forward
/// pass reduced to one number, accumulated in double precision) with one value nudged by +-step,
/// and requires |analytic - numeric| <= absolute + relative * max(|analytic|, |numeric|).
struct GradientCheck {
    /// A buffer whose gradient is checked: the values `loss` reads and the analytic gradient.
    struct Probe {
        let name: String
        let values: UnsafeMutablePointer<Float>
        let gradient: UnsafeMutablePointer<Float>
        let count: Int
    }

    var step: Float = 1e-2
    var absolute: Double = 2e-3
    var relative: Double = 2e-2
    /// Entries checked per probe (spread evenly); all when the probe is smaller.
    var samplesPerProbe = 64

    /// Returns one line per mismatch (empty when every checked entry agrees).
    func mismatches(_ probes: [Probe], loss: () -> Double) -> [String] {
        var failures: [String] = []
        for probe in probes {
            let stride = max(1, probe.count / samplesPerProbe)
            for index in Swift.stride(from: 0, to: probe.count, by: stride) {
                let saved = probe.values[index]
                probe.values[index] = saved + step
                let plus = loss()
                probe.values[index] = saved - step
                let minus = loss()
                probe.values[index] = saved
                let numeric = (plus - minus) / (2 * Double(step))
                let analytic = Double(probe.gradient[index])
                if abs(analytic - numeric) > absolute + relative * max(abs(analytic), abs(numeric)) {
                    failures.append("\(probe.name)[\(index)]: analytic \(analytic), numeric \(numeric)")
                }
            }
        }
        return failures
    }
}

/// Fills a tensor with values uniform in [low, high) from a seeded stream.
func randomTensor(_ shape: [Int], seed: UInt64, low: Float = -1, high: Float = 1) -> Tensor {
    var random = NetRandom(seed: seed)
    let tensor = Tensor(shape: shape)
    for index in 0..<tensor.count { tensor.pointer[index] = low + (high - low) * random.unitFloat() }
    return tensor
}

/// sum(output * weights) in double: a loss whose gradient with respect to `output` is `weights`.
func projectedLoss(_ output: Matrix, _ weights: Matrix) -> Double {
    var sum = 0.0
    for index in 0..<output.count { sum += Double(output.pointer[index]) * Double(weights.pointer[index]) }
    return sum
}
