import Foundation

/// The categorical distribution of one action head for a batch, with illegal options removed.
///
/// Logits: row r's options are `logits[r, columns]` (by default all columns; a range lets one
/// head read its slice of a wider matrix holding every head's logits). Mask: option i of row r is
/// legal when `mask[r * maskStride + maskOffset + i]` is nonzero, so the masks of several heads can
/// share one mask row per agent. Illegal options have probability 0: they are skipped entirely
/// (as if their logit were -infinity; their logit values are never read, so even NaN there is
/// harmless) and never sampled, and their logit gradients are 0. Every row must have a legal
/// option (precondition). Log-softmax is computed stably, subtracting the row's largest legal logit.
///
/// A value type over borrowed pointers: build one per use, it allocates nothing.
public struct MaskedCategorical: @unchecked Sendable {
    public let logits: Matrix
    public let columns: Range<Int>
    public let mask: UnsafePointer<UInt8>
    public let maskStride: Int
    public let maskOffset: Int

    public init(logits: Matrix, columns: Range<Int>? = nil, mask: UnsafePointer<UInt8>, maskStride: Int, maskOffset: Int = 0) {
        let columns = columns ?? 0..<logits.columns
        precondition(!columns.isEmpty && columns.lowerBound >= 0 && columns.upperBound <= logits.columns, "MaskedCategorical columns")
        precondition(maskOffset >= 0 && maskStride >= maskOffset + columns.count, "MaskedCategorical mask layout")
        self.logits = logits
        self.columns = columns
        self.mask = mask
        self.maskStride = maskStride
        self.maskOffset = maskOffset
    }

    public var rows: Int { logits.rows }
    /// Options per row.
    public var options: Int { columns.count }

    @inline(__always) private func logitRow(_ row: Int) -> UnsafeMutablePointer<Float> { logits.row(row) + columns.lowerBound }
    @inline(__always) private func maskRow(_ row: Int) -> UnsafePointer<UInt8> { mask + row * maskStride + maskOffset }

    /// The largest legal logit of `row` (a precondition failure when no option is legal).
    @inline(__always) private func largestLegal(_ row: Int) -> Float {
        let l = logitRow(row), legal = maskRow(row)
        var best = -Float.infinity
        var found = false
        for i in 0..<options where legal[i] != 0 {
            if !found || l[i] > best { best = l[i] }
            found = true
        }
        precondition(found, "row \(row) of a MaskedCategorical has no legal option")
        return best
    }

    /// The largest legal logit and the sum of exp(logit - that max) over legal options.
    @inline(__always) private func normaliser(_ row: Int) -> (max: Float, sum: Float) {
        let l = logitRow(row), legal = maskRow(row), n = options
        let best = largestLegal(row)
        var sum: Float = 0
        for i in 0..<n where legal[i] != 0 { sum += expf(l[i] - best) }
        return (best, sum)
    }

    /// log p(action) in `row`; the action must be legal.
    public func logProbability(row: Int, action: Int) -> Float {
        precondition(action >= 0 && action < options, "action \(action) outside 0..<\(options)")
        precondition(maskRow(row)[action] != 0, "action \(action) is illegal in row \(row)")
        let (best, sum) = normaliser(row)
        return logitRow(row)[action] - best - logf(sum)
    }

    /// The entropy, -sum p log p over legal options, of `row`.
    public func entropy(row: Int) -> Float {
        let (best, sum) = normaliser(row)
        return entropy(row: row, max: best, sum: sum)
    }

    @inline(__always) private func entropy(row: Int, max best: Float, sum: Float) -> Float {
        let l = logitRow(row), legal = maskRow(row)
        var weighted: Float = 0
        for i in 0..<options where legal[i] != 0 {
            let shifted = l[i] - best
            weighted += expf(shifted) * shifted
        }
        // H = log Z - E[l] with logits shifted by the max: log(sum) - sum(e * shifted) / sum.
        return logf(sum) - weighted / sum
    }

    /// The legal option with the largest logit (the lowest index on ties).
    public func greedy(row: Int) -> Int {
        let l = logitRow(row), legal = maskRow(row)
        var best = -1
        for i in 0..<options where legal[i] != 0 {
            if best < 0 || l[i] > l[best] { best = i }
        }
        precondition(best >= 0, "row \(row) of a MaskedCategorical has no legal option")
        return best
    }

    /// One draw from `row` by inverse CDF over the legal options with one uniform from `random`;
    /// deterministic for a given stream. Never returns an illegal option (nor one whose
    /// probability underflowed to 0).
    public func sample(row: Int, random: inout NetRandom) -> Int {
        let (best, sum) = normaliser(row)
        return sample(row: row, max: best, sum: sum, random: &random)
    }

    @inline(__always) private func sample(row: Int, max best: Float, sum: Float, random: inout NetRandom) -> Int {
        let target = random.unitFloat() * sum
        let l = logitRow(row), legal = maskRow(row)
        var cumulative: Float = 0
        var lastPositive = -1
        for i in 0..<options where legal[i] != 0 {
            let weight = expf(l[i] - best)
            guard weight > 0 else { continue }
            cumulative += weight
            lastPositive = i
            if cumulative > target { return i }
        }
        return lastPositive  // rounding left the target at the very top: the last option that can occur
    }

    /// One draw from `row` (as `sample(row:random:)`, the same draw) and its log-probability, with
    /// one exponential per legal option: they are kept on the stack for the draw.
    public func sampleWithLogProbability(row: Int, random: inout NetRandom) -> (action: Int, logProbability: Float) {
        let best = largestLegal(row)
        let l = logitRow(row), legal = maskRow(row), n = options
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: n) { weights in
            var sum: Float = 0
            for i in 0..<n {
                weights[i] = legal[i] != 0 ? expf(l[i] - best) : 0
                sum += weights[i]
            }
            let target = random.unitFloat() * sum
            var cumulative: Float = 0
            var action = -1
            for i in 0..<n where weights[i] > 0 {
                cumulative += weights[i]
                action = i  // the last option that can occur, should rounding leave the target at the very top
                if cumulative > target { break }
            }
            return (action, l[action] - best - logf(sum))
        }
    }

    /// `evaluate` for training: besides each row's log-probability of its action and entropy, keeps
    /// what `backward(actions:logProbabilityGradient:entropyGradient:cache:into:accumulate:)` needs,
    /// so the backward pass computes no exponential: the probabilities (in `cache.probabilities`,
    /// shaped like `logits`, this head's columns only; 0 for illegal options) and each row's log
    /// normaliser log(sum exp(logit)) over the legal options.
    public func evaluate(actions: UnsafePointer<Int32>, logProbabilities: UnsafeMutablePointer<Float>, entropies: UnsafeMutablePointer<Float>,
                         cache: SoftmaxCache) {
        precondition(cache.probabilities.rows >= rows && cache.probabilities.columns == logits.columns, "MaskedCategorical cache shape")
        let n = options
        for row in 0..<rows {
            let best = largestLegal(row)
            let l = logitRow(row), legal = maskRow(row)
            let p = cache.probabilities.row(row) + columns.lowerBound
            var sum: Float = 0, weighted: Float = 0
            for i in 0..<n {
                guard legal[i] != 0 else { p[i] = 0; continue }
                let shifted = l[i] - best
                let e = expf(shifted)
                p[i] = e
                sum += e
                weighted += e * shifted
            }
            let inverse = 1 / sum
            for i in 0..<n { p[i] *= inverse }
            let logSum = logf(sum)
            cache.logNormalisers[row] = best + logSum
            entropies[row] = logSum - weighted * inverse
            let action = Int(actions[row])
            precondition(action >= 0 && action < n && legal[action] != 0, "action \(action) is out of range or illegal in row \(row)")
            logProbabilities[row] = l[action] - best - logSum
        }
    }

    /// `backward` from the probabilities, log normalisers and entropies a caching `evaluate` kept
    /// (the same rows, logits and actions): no exponential or logarithm per option.
    public func backward(actions: UnsafePointer<Int32>, logProbabilityGradient: UnsafePointer<Float>, entropyGradient: UnsafePointer<Float>,
                         entropies: UnsafePointer<Float>, cache: SoftmaxCache, into logitGradient: Matrix, accumulate: Bool = false) {
        precondition(logitGradient.rows == logits.rows && logitGradient.columns == logits.columns, "MaskedCategorical gradient shape")
        let n = options
        for row in 0..<rows {
            let l = logitRow(row), legal = maskRow(row)
            let p = cache.probabilities.row(row) + columns.lowerBound
            let dl = logitGradient.row(row) + columns.lowerBound
            let logZ = cache.logNormalisers[row], h = entropies[row]
            let dLogP = logProbabilityGradient[row], dEntropy = entropyGradient[row]
            for i in 0..<n {
                var gradient: Float = 0
                if legal[i] != 0 {
                    gradient = -dLogP * p[i] - dEntropy * p[i] * (l[i] - logZ + h)
                }
                if accumulate { dl[i] += gradient } else { dl[i] = gradient }
            }
            dl[Int(actions[row])] += dLogP
        }
    }

    /// One draw per row into `actions` (and, when given, its log-probability into `logProbabilities`).
    public func sample(into actions: UnsafeMutablePointer<Int32>, logProbabilities: UnsafeMutablePointer<Float>? = nil,
                       random: inout NetRandom) {
        for row in 0..<rows {
            let (best, sum) = normaliser(row)
            let action = sample(row: row, max: best, sum: sum, random: &random)
            actions[row] = Int32(action)
            if let logProbabilities { logProbabilities[row] = logitRow(row)[action] - best - logf(sum) }
        }
    }

    /// The greedy option of every row into `actions`.
    public func greedy(into actions: UnsafeMutablePointer<Int32>) {
        for row in 0..<rows { actions[row] = Int32(greedy(row: row)) }
    }

    /// For every row, log p(actions[row]) into `logProbabilities` and the entropy into `entropies`
    /// (either may be omitted; `actions` is needed only for the log-probabilities), sharing one
    /// normalisation per row.
    public func evaluate(actions: UnsafePointer<Int32>?, logProbabilities: UnsafeMutablePointer<Float>?, entropies: UnsafeMutablePointer<Float>?) {
        precondition(logProbabilities == nil || actions != nil, "log-probabilities need the actions")
        for row in 0..<rows {
            let (best, sum) = normaliser(row)
            if let logProbabilities, let actions {
                let action = Int(actions[row])
                precondition(action >= 0 && action < options, "action \(action) outside 0..<\(options)")
                precondition(maskRow(row)[action] != 0, "action \(action) is illegal in row \(row)")
                logProbabilities[row] = logitRow(row)[action] - best - logf(sum)
            }
            if let entropies { entropies[row] = entropy(row: row, max: best, sum: sum) }
        }
    }

    /// Given, per row, dL/dlogp(actions[row]) and dL/dentropy (either may be omitted, meaning 0),
    /// writes (or, with `accumulate`, adds) dL/dlogits into `logitGradient` (shaped like `logits`;
    /// only `columns` are touched): for a legal option i, with p = softmax over legal options,
    ///     dlogp/dl_i = [i == action] - p_i,   dH/dl_i = -p_i (log p_i + H),
    /// and 0 for illegal options.
    public func backward(actions: UnsafePointer<Int32>?, logProbabilityGradient: UnsafePointer<Float>?,
                         entropyGradient: UnsafePointer<Float>?, into logitGradient: Matrix, accumulate: Bool = false) {
        precondition(logitGradient.rows == logits.rows && logitGradient.columns == logits.columns, "MaskedCategorical gradient shape")
        precondition(logProbabilityGradient == nil || actions != nil, "a log-probability gradient needs the actions")
        let n = options
        for row in 0..<rows {
            let (best, sum) = normaliser(row)
            let l = logitRow(row), legal = maskRow(row)
            let dl = logitGradient.row(row) + columns.lowerBound
            let logSum = logf(sum)
            let inverseSum = 1 / sum
            let dLogP = logProbabilityGradient?[row] ?? 0
            let dEntropy = entropyGradient?[row] ?? 0
            var action = -1
            if logProbabilityGradient != nil, let actions {
                action = Int(actions[row])
                precondition(action >= 0 && action < n, "action \(action) outside 0..<\(n)")
                precondition(legal[action] != 0, "action \(action) is illegal in row \(row)")
            }
            let h = dEntropy == 0 ? 0 : entropy(row: row, max: best, sum: sum)
            for i in 0..<n {
                var gradient: Float = 0
                if legal[i] != 0 {
                    let logP = l[i] - best - logSum
                    let p = expf(l[i] - best) * inverseSum
                    gradient = -dLogP * p - dEntropy * p * (logP + h)
                    if i == action { gradient += dLogP }
                }
                if accumulate { dl[i] += gradient } else { dl[i] = gradient }
            }
        }
    }
}

/// What a caching `MaskedCategorical.evaluate` keeps for its backward pass: the probabilities
/// (a matrix shaped like the logits) and one log normaliser per row.
public struct SoftmaxCache: @unchecked Sendable {
    public let probabilities: Matrix
    public let logNormalisers: UnsafeMutablePointer<Float>

    public init(probabilities: Matrix, logNormalisers: UnsafeMutablePointer<Float>) {
        self.probabilities = probabilities
        self.logNormalisers = logNormalisers
    }
}
