/// Layer normalisation over the last dimension (`torch.nn.LayerNorm(features)`, eps 1e-5):
/// y = (x - mean) / sqrt(var + eps) * weight + bias per row, with the biased variance, `name.weight`
/// [features] (ones) and `name.bias` [features] (zeros).
///
/// Saved statistics: forward writes, per row, its mean and inverse standard deviation into a
/// caller-provided buffer of `statisticsCount(rows:)` = rows x 2 floats (row r at [2r] = mean,
/// [2r + 1] = 1 / sqrt(var + eps)); backward reads them together with the forward's input.
public struct LayerNorm: Sendable {
    public let features: Int
    public let epsilon: Float
    public let weight: ParameterSlice
    public let bias: ParameterSlice

    public init(_ name: String, features: Int, epsilon: Float = 1e-5, in parameters: ParameterSet) {
        precondition(features > 0, "LayerNorm features")
        self.features = features
        self.epsilon = epsilon
        weight = parameters.add("\(name).weight", shape: [features], initialiser: .constant(1))
        bias = parameters.add("\(name).bias", shape: [features], initialiser: .zeros)
    }

    /// Floats of the statistics buffer for `rows` rows: mean and inverse std per row.
    public static func statisticsCount(rows: Int) -> Int { rows * 2 }

    /// Normalises every row of `input` into `output`. Pass `statistics` (statisticsCount(rows:)
    /// floats) when backward will run; without it (inference) `output` may also be `input` itself.
    public func forward(_ input: Matrix, into output: Matrix, statistics: UnsafeMutablePointer<Float>? = nil,
                        parameters: UnsafeMutablePointer<Float>) {
        precondition(input.columns == features && output.columns == features && input.rows == output.rows, "LayerNorm shapes")
        let n = features
        let w = weight.pointer(in: parameters), b = bias.pointer(in: parameters)
        let inverseCount = 1 / Float(n)
        for row in 0..<input.rows {
            let x = input.pointer + row * n
            let y = output.pointer + row * n
            var sum: Float = 0
            for column in 0..<n { sum += x[column] }
            let mean = sum * inverseCount
            var squares: Float = 0
            for column in 0..<n {
                let centred = x[column] - mean
                squares += centred * centred
            }
            let inverseStd = 1 / (squares * inverseCount + epsilon).squareRoot()
            if let statistics {
                statistics[2 * row] = mean
                statistics[2 * row + 1] = inverseStd
            }
            for column in 0..<n { y[column] = (x[column] - mean) * inverseStd * w[column] + b[column] }
        }
    }

    /// Accumulates dweight += sum dy * xhat and dbias += sum dy; writes (or, with `accumulate`,
    /// adds) dx = inverseStd * (g - mean(g) - xhat * mean(g * xhat)), g = dy * weight, into
    /// `inputGradient` when given. `input` and `statistics` are the forward's. `inputGradient`
    /// may be the same view as `outputGradient` (not as `input`).
    public func backward(input: Matrix, outputGradient: Matrix, inputGradient: Matrix?, accumulate: Bool = false,
                         statistics: UnsafePointer<Float>, parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>) {
        precondition(input.columns == features && outputGradient.columns == features && input.rows == outputGradient.rows,
                     "LayerNorm gradient shapes")
        if let inputGradient {
            precondition(inputGradient.rows == input.rows && inputGradient.columns == features, "LayerNorm input gradient shape")
        }
        let n = features
        let w = weight.pointer(in: parameters)
        let dw = weight.pointer(in: gradients), db = bias.pointer(in: gradients)
        let inverseCount = 1 / Float(n)
        for row in 0..<input.rows {
            let x = input.pointer + row * n
            let dy = outputGradient.pointer + row * n
            let mean = statistics[2 * row], inverseStd = statistics[2 * row + 1]
            var sumG: Float = 0
            var sumGX: Float = 0
            for column in 0..<n {
                let xhat = (x[column] - mean) * inverseStd
                let g = dy[column] * w[column]
                dw[column] += dy[column] * xhat
                db[column] += dy[column]
                sumG += g
                sumGX += g * xhat
            }
            guard let inputGradient else { continue }
            let meanG = sumG * inverseCount, meanGX = sumGX * inverseCount
            let dx = inputGradient.pointer + row * n
            if accumulate {
                for column in 0..<n {
                    let xhat = (x[column] - mean) * inverseStd
                    dx[column] += inverseStd * (dy[column] * w[column] - meanG - xhat * meanGX)
                }
            } else {
                for column in 0..<n {
                    let xhat = (x[column] - mean) * inverseStd
                    dx[column] = inverseStd * (dy[column] * w[column] - meanG - xhat * meanGX)
                }
            }
        }
    }
}
