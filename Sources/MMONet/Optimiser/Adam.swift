import Foundation

/// Adam over a `ParameterSet`'s flat vector (Kingma and Ba), with PPO's usual eps of 1e-5; the
/// learning rate is passed per step so the trainer can anneal it. Its moments checkpoint with the
/// parameters, so a resumed run continues exactly.
public final class Adam: @unchecked Sendable {
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    public let firstMoment: Tensor
    public let secondMoment: Tensor
    /// Steps taken so far (for bias correction).
    public var step = 0

    public init(parameters: ParameterSet, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-5) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoment = parameters.makeGradient()
        secondMoment = parameters.makeGradient()
    }

    /// One update of `parameters` from `gradients` (same layout), element-wise, split over
    /// `workers` threads (the same result for any count).
    public func update(parameters: Tensor, gradients: Tensor, learningRate: Float, workers: Int = 1) {
        precondition(parameters.count == gradients.count && parameters.count == firstMoment.count, "Adam shapes")
        step += 1
        let correction1 = 1 - pow(beta1, Float(step))
        let correction2 = 1 - pow(beta2, Float(step))
        let stepSize = learningRate / correction1
        let inverseRootCorrection2 = 1 / correction2.squareRoot()
        let p = parameters.pointer, g = gradients.pointer, m = firstMoment.pointer, v = secondMoment.pointer
        let b1 = beta1, b2 = beta2, eps = epsilon
        runWorkers(workers, splitting: parameters.count) { range in
            for index in range {
                let gradient = g[index]
                m[index] = b1 * m[index] + (1 - b1) * gradient
                v[index] = b2 * v[index] + (1 - b2) * gradient * gradient
                p[index] -= stepSize * m[index] / ((v[index]).squareRoot() * inverseRootCorrection2 + eps)
            }
        }
    }
}
