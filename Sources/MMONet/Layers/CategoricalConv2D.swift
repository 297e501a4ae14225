/// A valid (unpadded) 2-D convolution over a grid of categorical ids in 0..<categories (say a
/// 15 x 15 window of tile materials), equal to `torch.nn.Conv2d(categories, outChannels, kernel,
/// stride)` applied to the one-hot encoding of the ids, but computed by gathers: every output cell
/// is its bias plus, for each of the kernel x kernel cells it covers, the weight vector picked by
/// that cell's id. There is no dense matmul and nothing is precomputed per call.
///
/// Layout (differs from PyTorch, by a permute): `name.weight` is stored [categories, kernel,
/// kernel, outChannels] so each gathered vector is contiguous; the `torch.nn.Conv2d` weight
/// [outChannels, categories, kernel, kernel] is `weight.permute(3, 0, 1, 2)` (and back with
/// `permute(1, 2, 3, 0)`). `name.bias` [outChannels] is PyTorch's.
///
/// Input: `batch` samples, each `height * width` ids row-major (y * width + x), consecutive samples
/// `inputStride` ids apart (default height * width), as UInt8 or Int32; an id outside
/// 0..<categories is a precondition failure. Output: channels last, a Matrix of
/// [batch * outputHeight * outputWidth, outChannels] (row = sample * cells + y * outputWidth + x);
/// the PyTorch output [batch, outChannels, outputHeight, outputWidth] is its `permute(0, 3, 1, 2)`
/// when seen as [batch, outputHeight, outputWidth, outChannels].
/// Backward scatter-adds into the weight gradient; the ids are categorical, so there is no input gradient.
public struct CategoricalConv2D: Sendable {
    public let categories: Int
    public let height: Int
    public let width: Int
    public let outChannels: Int
    public let kernel: Int
    public let stride: Int
    public let weight: ParameterSlice
    public let bias: ParameterSlice

    /// Registers `name.weight` [categories, kernel, kernel, outChannels] and `name.bias`
    /// [outChannels] (zeros). The weights start normal with std gain / kernel: an output sums
    /// kernel^2 of them, so it starts with variance gain^2, the scale an orthogonal layer with
    /// this gain gives on unit-variance dense inputs (orthogonal init over the one-hot fan-in would
    /// shrink it by the number of categories).
    public init(_ name: String, categories: Int, height: Int, width: Int, outChannels: Int, kernel: Int, stride: Int = 1,
                gain: Float = ParameterInitialiser.hiddenGain, in parameters: ParameterSet) {
        precondition(categories > 0 && outChannels > 0 && kernel > 0 && stride > 0, "CategoricalConv2D sizes")
        precondition(height >= kernel && width >= kernel, "CategoricalConv2D input smaller than its kernel")
        self.categories = categories
        self.height = height
        self.width = width
        self.outChannels = outChannels
        self.kernel = kernel
        self.stride = stride
        weight = parameters.add("\(name).weight", shape: [categories, kernel, kernel, outChannels],
                                initialiser: .normal(std: gain / Float(kernel)))
        bias = parameters.add("\(name).bias", shape: [outChannels], initialiser: .zeros)
    }

    public var outputHeight: Int { (height - kernel) / stride + 1 }
    public var outputWidth: Int { (width - kernel) / stride + 1 }
    /// Output cells per sample.
    public var cells: Int { outputHeight * outputWidth }

    public func forward(_ ids: UnsafePointer<UInt8>, batch: Int, inputStride: Int? = nil, into output: Matrix,
                        parameters: UnsafeMutablePointer<Float>) {
        gatherForward(ids, batch: batch, inputStride: inputStride ?? height * width, output: output, parameters: parameters)
    }

    public func forward(_ ids: UnsafePointer<Int32>, batch: Int, inputStride: Int? = nil, into output: Matrix,
                        parameters: UnsafeMutablePointer<Float>) {
        gatherForward(ids, batch: batch, inputStride: inputStride ?? height * width, output: output, parameters: parameters)
    }

    /// Accumulates dbias += sum of the output gradient rows, and for every output cell and kernel
    /// offset dweight[id, ky, kx, :] += outputGradient[cell, :].
    public func backward(_ ids: UnsafePointer<UInt8>, batch: Int, inputStride: Int? = nil, outputGradient: Matrix,
                         gradients: UnsafeMutablePointer<Float>) {
        scatterBackward(ids, batch: batch, inputStride: inputStride ?? height * width, outputGradient: outputGradient, gradients: gradients)
    }

    public func backward(_ ids: UnsafePointer<Int32>, batch: Int, inputStride: Int? = nil, outputGradient: Matrix,
                         gradients: UnsafeMutablePointer<Float>) {
        scatterBackward(ids, batch: batch, inputStride: inputStride ?? height * width, outputGradient: outputGradient, gradients: gradients)
    }

    @inline(__always)
    private func gatherForward<ID: BinaryInteger>(_ ids: UnsafePointer<ID>, batch: Int, inputStride: Int, output: Matrix,
                                                  parameters: UnsafeMutablePointer<Float>) {
        let cellCount = cells
        precondition(output.rows == batch * cellCount && output.columns == outChannels, "CategoricalConv2D output shape")
        precondition(inputStride >= height * width, "CategoricalConv2D input stride")
        let w = weight.pointer(in: parameters), b = bias.pointer(in: parameters)
        let channels = outChannels, k = kernel, s = stride, gridWidth = width, outWidth = outputWidth
        let categoryStride = k * k * channels
        let categoryLimit = UInt(categories)
        for sample in 0..<batch {
            let grid = ids + sample * inputStride
            for oy in 0..<outputHeight {
                for ox in 0..<outWidth {
                    let y = output.pointer + ((sample * cellCount) + oy * outWidth + ox) * channels
                    y.update(from: b, count: channels)
                    var offset = 0  // (ky * k + kx) * channels
                    for ky in 0..<k {
                        let line = grid + (oy * s + ky) * gridWidth + ox * s
                        for kx in 0..<k {
                            let id = UInt(truncatingIfNeeded: Int(line[kx]))
                            precondition(id < categoryLimit, "categorical id \(line[kx]) outside 0..<\(categories)")
                            let column = w + Int(id) * categoryStride + offset
                            for channel in 0..<channels { y[channel] += column[channel] }
                            offset += channels
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private func scatterBackward<ID: BinaryInteger>(_ ids: UnsafePointer<ID>, batch: Int, inputStride: Int, outputGradient: Matrix,
                                                    gradients: UnsafeMutablePointer<Float>) {
        let cellCount = cells
        precondition(outputGradient.rows == batch * cellCount && outputGradient.columns == outChannels,
                     "CategoricalConv2D output gradient shape")
        precondition(inputStride >= height * width, "CategoricalConv2D input stride")
        let dw = weight.pointer(in: gradients), db = bias.pointer(in: gradients)
        let channels = outChannels, k = kernel, s = stride, gridWidth = width, outWidth = outputWidth
        let categoryStride = k * k * channels
        let categoryLimit = UInt(categories)
        for sample in 0..<batch {
            let grid = ids + sample * inputStride
            for oy in 0..<outputHeight {
                for ox in 0..<outWidth {
                    let dy = outputGradient.pointer + ((sample * cellCount) + oy * outWidth + ox) * channels
                    for channel in 0..<channels { db[channel] += dy[channel] }
                    var offset = 0
                    for ky in 0..<k {
                        let line = grid + (oy * s + ky) * gridWidth + ox * s
                        for kx in 0..<k {
                            let id = UInt(truncatingIfNeeded: Int(line[kx]))
                            precondition(id < categoryLimit, "categorical id \(line[kx]) outside 0..<\(categories)")
                            let column = dw + Int(id) * categoryStride + offset
                            for channel in 0..<channels { column[channel] += dy[channel] }
                            offset += channels
                        }
                    }
                }
            }
        }
    }
}
