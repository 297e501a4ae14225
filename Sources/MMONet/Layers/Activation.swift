import Foundation

/// An element-wise nonlinearity without parameters: ReLU, or GELU in PyTorch's tanh approximation
/// (`nn.GELU(approximate="tanh")`). It treats a matrix as a flat run of values, so the shapes only
/// need equal counts. Forward may run in place (`output` the same view as `input`).
///
/// Backward reads the forward's INPUT. For ReLU the forward's output works as well (output > 0
/// exactly where input > 0), so an in-place ReLU can be differentiated from what it left behind;
/// an in-place GELU cannot, keep its input.
public struct Activation: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case relu
        case gelu
    }

    public let kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    public static let relu = Activation(.relu)
    public static let gelu = Activation(.gelu)

    /// sqrt(2 / pi) and the cubic coefficient of the tanh approximation.
    private static let geluScale: Float = 0.797_884_560_802_865_4
    private static let geluCubic: Float = 0.044_715

    /// output = f(input), element by element; `output` may be `input` itself.
    public func forward(_ input: Matrix, into output: Matrix) {
        precondition(input.count == output.count, "Activation shapes")
        let x = input.pointer, y = output.pointer
        let count = input.count
        switch kind {
        case .relu:
            // Explicit vectors: in place, the compiler's own vectorisation gives up on the aliasing.
            var index = 0
            while index + 8 <= count {
                let v = SIMD8<Float>.load(x + index)
                v.replacing(with: 0, where: v .< 0).store(to: y + index)
                index += 8
            }
            while index < count {
                y[index] = max(x[index], 0)
                index += 1
            }
        case .gelu:
            let scale = Activation.geluScale, cubic = Activation.geluCubic
            for index in 0..<count {
                let v = x[index]
                let t = tanhf(scale * (v + cubic * v * v * v))
                y[index] = 0.5 * v * (1 + t)
            }
        }
    }

    /// Writes (or, with `accumulate`, adds) dL/dinput = f'(input) * outputGradient into
    /// `inputGradient`, which may be the same view as `outputGradient`. `input` is the forward's
    /// input (for ReLU its output does as well).
    public func backward(input: Matrix, outputGradient: Matrix, inputGradient: Matrix, accumulate: Bool = false) {
        precondition(input.count == outputGradient.count && input.count == inputGradient.count, "Activation gradient shapes")
        let x = input.pointer, dy = outputGradient.pointer, dx = inputGradient.pointer
        let count = input.count
        switch kind {
        case .relu:
            // Explicit vectors of selects: the sign pattern is random (branches mispredict), and in
            // place the compiler's own vectorisation gives up on the aliasing.
            var index = 0
            while index + 8 <= count {
                var gradient = SIMD8<Float>.load(dy + index)
                gradient.replace(with: 0, where: .!(SIMD8<Float>.load(x + index) .> 0))
                if accumulate { gradient += SIMD8<Float>.load(dx + index) }
                gradient.store(to: dx + index)
                index += 8
            }
            while index < count {
                let gradient = x[index] > 0 ? dy[index] : 0
                dx[index] = accumulate ? dx[index] + gradient : gradient
                index += 1
            }
        case .gelu:
            let scale = Activation.geluScale, cubic = Activation.geluCubic
            for index in 0..<count {
                let v = x[index]
                let v2 = v * v
                let t = tanhf(scale * (v + cubic * v2 * v))
                // d/dv of 0.5 v (1 + tanh(u)), u = scale (v + cubic v^3).
                let derivative = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * scale * (1 + 3 * cubic * v2)
                let gradient = derivative * dy[index]
                if accumulate { dx[index] += gradient } else { dx[index] = gradient }
            }
        }
    }
}
