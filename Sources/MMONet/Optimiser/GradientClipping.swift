/// Global gradient-norm clipping (PyTorch's `clip_grad_norm_`): scales the whole gradient vector
/// so its L2 norm is at most `maximumNorm`. Returns the norm before clipping.
@discardableResult
public func clipGradientNorm(_ gradients: Tensor, maximumNorm: Float) -> Float {
    var sum: Double = 0
    let g = gradients.pointer
    for index in 0..<gradients.count { sum += Double(g[index]) * Double(g[index]) }
    let norm = Float(sum.squareRoot())
    if norm > maximumNorm {
        let scale = maximumNorm / (norm + 1e-6)
        for index in 0..<gradients.count { g[index] *= scale }
    }
    return norm
}
