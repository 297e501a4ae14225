/// Pools a set of item rows per sample into one row, skipping invalid items: the input is
/// [batch * items, features] (row = sample * items + item), a validity mask holds one byte per
/// item row (nonzero = valid), and the output is [batch, outputColumns]: the masked mean, the
/// masked max, or both concatenated (mean in columns 0..<features, max in features..<2 * features).
/// A sample without valid items pools to zeros (and passes no gradient back).
///
/// Saved argmax: when the output includes the max, forward records, per sample and feature, the
/// item that won (first one on ties, -1 for a sample without valid items) in a caller-provided
/// Int32 buffer of `argmaxCount(batch:)` = batch x features entries; backward routes the max's
/// gradient through it.
public struct MaskedPooling: Sendable {
    public enum Mode: Sendable, Equatable {
        case mean
        case max
        case meanAndMax
    }

    public let items: Int
    public let features: Int
    public let mode: Mode

    public init(items: Int, features: Int, mode: Mode = .meanAndMax) {
        precondition(items > 0 && features > 0, "MaskedPooling sizes")
        self.items = items
        self.features = features
        self.mode = mode
    }

    /// Columns of the output: features, or 2 x features for `.meanAndMax`.
    public var outputColumns: Int { mode == .meanAndMax ? 2 * features : features }

    /// Int32 entries of the argmax buffer for `batch` samples (needed only with a max in the mode).
    public func argmaxCount(batch: Int) -> Int { batch * features }

    /// Int32 entries of the argmax buffer for `batch` samples of `features` features.
    public static func argmaxCount(batch: Int, features: Int) -> Int { batch * features }

    /// Pools `input` [batch * items, features] into `output` [batch, outputColumns]. `argmax`
    /// (argmaxCount(batch:) entries) is required for backward when the mode has a max; inference may omit it.
    public func forward(_ input: Matrix, mask: UnsafePointer<UInt8>, into output: Matrix, argmax: UnsafeMutablePointer<Int32>? = nil) {
        let batch = output.rows
        precondition(input.rows == batch * items && input.columns == features && output.columns == outputColumns, "MaskedPooling shapes")
        let d = features, columns = outputColumns
        let meanOffset: Int? = mode == .max ? nil : 0
        let maxOffset: Int? = switch mode {
        case .mean: nil
        case .max: 0
        case .meanAndMax: d
        }
        for sample in 0..<batch {
            let out = output.pointer + sample * columns
            let itemMask = mask + sample * items
            let rows = input.pointer + sample * items * d
            var valid = 0
            for item in 0..<items where itemMask[item] != 0 { valid += 1 }
            let winners = argmax.map { $0 + sample * d }
            guard valid > 0 else {
                out.update(repeating: 0, count: columns)
                if let winners, maxOffset != nil { winners.update(repeating: -1, count: d) }
                continue
            }
            if let meanOffset {
                let mean = out + meanOffset
                mean.update(repeating: 0, count: d)
                for item in 0..<items where itemMask[item] != 0 {
                    let x = rows + item * d
                    for column in 0..<d { mean[column] += x[column] }
                }
                let scale = 1 / Float(valid)
                for column in 0..<d { mean[column] *= scale }
            }
            if let maxOffset {
                let best = out + maxOffset
                var first = true
                for item in 0..<items where itemMask[item] != 0 {
                    let x = rows + item * d
                    if first {
                        best.update(from: x, count: d)
                        if let winners { winners.update(repeating: Int32(item), count: d) }
                        first = false
                    } else if let winners {
                        for column in 0..<d where x[column] > best[column] {
                            best[column] = x[column]
                            winners[column] = Int32(item)
                        }
                    } else {
                        for column in 0..<d { best[column] = max(best[column], x[column]) }
                    }
                }
            }
        }
    }

    /// Writes (or, with `accumulate`, adds) the gradient for `inputGradient` [batch * items,
    /// features]: the mean's gradient divided by the valid count to every valid item, the max's to
    /// each feature's winning item; invalid items get zero. `mask` and `argmax` are the forward's.
    public func backward(outputGradient: Matrix, mask: UnsafePointer<UInt8>, argmax: UnsafePointer<Int32>?, inputGradient: Matrix,
                         accumulate: Bool = false) {
        let batch = outputGradient.rows
        precondition(outputGradient.columns == outputColumns && inputGradient.rows == batch * items && inputGradient.columns == features,
                     "MaskedPooling gradient shapes")
        let d = features, columns = outputColumns
        let meanOffset: Int? = mode == .max ? nil : 0
        let maxOffset: Int? = switch mode {
        case .mean: nil
        case .max: 0
        case .meanAndMax: d
        }
        precondition(maxOffset == nil || argmax != nil, "MaskedPooling backward through a max needs the forward's argmax")
        if !accumulate { inputGradient.fill(0) }
        for sample in 0..<batch {
            let dy = outputGradient.pointer + sample * columns
            let itemMask = mask + sample * items
            let dx = inputGradient.pointer + sample * items * d
            var valid = 0
            for item in 0..<items where itemMask[item] != 0 { valid += 1 }
            guard valid > 0 else { continue }
            if let meanOffset {
                let dmean = dy + meanOffset
                let scale = 1 / Float(valid)
                for item in 0..<items where itemMask[item] != 0 {
                    let target = dx + item * d
                    for column in 0..<d { target[column] += dmean[column] * scale }
                }
            }
            if let maxOffset, let argmax {
                let dmax = dy + maxOffset
                let winners = argmax + sample * d
                for column in 0..<d {
                    let item = Int(winners[column])
                    precondition(item >= 0 && item < items, "MaskedPooling argmax \(item) outside 0..<\(items)")
                    dx[item * d + column] += dmax[column]
                }
            }
        }
    }
}
