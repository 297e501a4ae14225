import Foundation

/// The PPO loss of one minibatch, CleanRL's formulation: with r = exp(logp - logp_old) and
/// normalised advantages A,
/// loss = mean(max(-A r, -A clip(r, 1 - e, 1 + e))) + c_v * 0.5 * mean(max((V - R)^2, (V_clip - R)^2)) - c_e * mean(H),
/// where V_clip = V_old + clip(V - V_old, -e, e). `evaluate` gives the per-sample gradients of
/// this loss with respect to the summed log-probability and the value; the entropy's gradient is
/// the constant -c_e / n.
public struct PPOObjective: Sendable {
    public let clip: Float
    public let clipValueLoss: Bool
    public let valueCoefficient: Float
    public let entropyCoefficient: Float

    public init(config: PPOConfig) {
        clip = config.clipCoefficient
        clipValueLoss = config.clipValueLoss
        valueCoefficient = config.valueCoefficient
        entropyCoefficient = config.entropyCoefficient
    }

    /// Diagnostics as CleanRL logs them, kept as sums so that workers' shares and minibatches add up.
    public struct Statistics: Sendable, Equatable {
        public var policyLossSum: Double = 0
        public var valueLossSum: Double = 0
        public var entropySum: Double = 0
        /// Sum of (r - 1) - log r, the low-variance KL estimator.
        public var approximateKLSum: Double = 0
        /// Samples whose ratio left [1 - e, 1 + e].
        public var clipped = 0
        public var samples = 0

        public init() {}

        public mutating func add(_ other: Statistics) {
            policyLossSum += other.policyLossSum
            valueLossSum += other.valueLossSum
            entropySum += other.entropySum
            approximateKLSum += other.approximateKLSum
            clipped += other.clipped
            samples += other.samples
        }

        private func mean(_ sum: Double) -> Double { samples > 0 ? sum / Double(samples) : 0 }
        public var policyLoss: Double { mean(policyLossSum) }
        public var valueLoss: Double { mean(valueLossSum) }
        public var entropy: Double { mean(entropySum) }
        public var approximateKL: Double { mean(approximateKLSum) }
        public var clipFraction: Double { mean(Double(clipped)) }

        /// The mean total loss these terms make under `objective`.
        public func loss(_ objective: PPOObjective) -> Double {
            policyLoss + Double(objective.valueCoefficient) * valueLoss - Double(objective.entropyCoefficient) * entropy
        }
    }

    /// Losses and gradients for `count` samples. `advantages` must already be normalised if wanted.
    /// `normaliser` is the minibatch size the means divide by (a worker holding part of a minibatch
    /// passes the whole minibatch's size, so the workers' gradients add up to the minibatch's).
    /// Writes d loss / d logp into `logProbGradients` and d loss / d V into `valueGradients`.
    /// With `valid`, samples whose byte is 0 (padding, e.g. a dead agent's place in a recurrent
    /// sequence) get zero gradients and are left out of the statistics; `normaliser` then counts
    /// valid samples only.
    public func evaluate(count: Int, normaliser: Int, valid: UnsafePointer<UInt8>? = nil, logProbs: UnsafePointer<Float>, oldLogProbs: UnsafePointer<Float>,
                         advantages: UnsafePointer<Float>, values: UnsafePointer<Float>, oldValues: UnsafePointer<Float>,
                         returns: UnsafePointer<Float>, entropies: UnsafePointer<Float>,
                         logProbGradients: UnsafeMutablePointer<Float>, valueGradients: UnsafeMutablePointer<Float>) -> Statistics {
        var statistics = Statistics()
        let scale = 1 / Float(normaliser)
        var policy = 0.0, value = 0.0, entropy = 0.0, kl = 0.0, clipped = 0, samples = 0
        for index in 0..<count {
            if let valid, valid[index] == 0 {
                logProbGradients[index] = 0
                valueGradients[index] = 0
                continue
            }
            samples += 1
            let logRatio = logProbs[index] - oldLogProbs[index]
            let ratio = exp(logRatio)
            let advantage = advantages[index]
            let unclippedLoss = -advantage * ratio
            let clippedRatio = min(max(ratio, 1 - clip), 1 + clip)
            let clippedLoss = -advantage * clippedRatio
            if unclippedLoss >= clippedLoss {
                policy += Double(unclippedLoss)
                // d(-A r)/d logp = -A r.
                logProbGradients[index] = -advantage * ratio * scale
            } else {
                policy += Double(clippedLoss)
                logProbGradients[index] = 0
            }
            if abs(ratio - 1) > clip { clipped += 1 }
            kl += Double((ratio - 1) - logRatio)

            let v = values[index], target = returns[index]
            let unclippedError = v - target
            var gradient = unclippedError
            var squared = unclippedError * unclippedError
            if clipValueLoss {
                let change = v - oldValues[index]
                let clippedChange = min(max(change, -clip), clip)
                let clippedError = oldValues[index] + clippedChange - target
                if clippedError * clippedError > squared {
                    squared = clippedError * clippedError
                    gradient = abs(change) < clip ? clippedError : 0
                }
            }
            value += Double(0.5 * squared)
            valueGradients[index] = valueCoefficient * gradient * scale
            entropy += Double(entropies[index])
        }
        statistics.policyLossSum = policy
        statistics.valueLossSum = value
        statistics.entropySum = entropy
        statistics.approximateKLSum = kl
        statistics.clipped = clipped
        statistics.samples = samples
        return statistics
    }
}
