/// Global gradient-norm clipping (PyTorch's `clip_grad_norm_`): scales the whole gradient vector
/// so its L2 norm is at most `maximumNorm`. Returns the norm before clipping.
///
/// The sum of squares is taken in double precision over fixed blocks of `normBlock` values, and
/// the block sums are added in order, so `workers` changes the speed, never the result.
@discardableResult
public func clipGradientNorm(_ gradients: Tensor, maximumNorm: Float, workers: Int = 1) -> Float {
    let g = gradients.pointer, count = gradients.count
    let blocks = (count + normBlock - 1) / normBlock
    let sum = withUnsafeTemporaryAllocation(of: Double.self, capacity: max(blocks, 1)) { partial in
        let partial = partial.baseAddress!
        runWorkers(workers, splitting: blocks) { range in
            for block in range {
                var sum: Double = 0
                for index in block * normBlock..<min((block + 1) * normBlock, count) { sum += Double(g[index]) * Double(g[index]) }
                partial[block] = sum
            }
        }
        var total: Double = 0
        for block in 0..<blocks { total += partial[block] }
        return total
    }
    let norm = Float(sum.squareRoot())
    if norm > maximumNorm {
        let scale = maximumNorm / (norm + 1e-6)
        runWorkers(workers, splitting: count) { range in
            for index in range { g[index] *= scale }
        }
    }
    return norm
}

/// Values per partial sum of `clipGradientNorm`.
let normBlock = 16_384
