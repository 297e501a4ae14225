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
/// Backward scatter-adds into the weight gradient; the ids are categorical, so there is no input
/// gradient, but `oneHotGradient` gives the gradient with respect to the one-hot encoding.
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

    /// The gradient of a loss with respect to the one-hot input, given the gradient with respect to
    /// the output (`outputGradient`, as `backward` takes it), for the categories of the aligned
    /// block of `block` categories holding each cell's id: entry j of input cell i of a sample is
    /// d loss / d onehot[i, (id_i / block) * block + j] = the sum over the output cells covering i
    /// of outputGradient[cell, :] . weight[(id_i / block) * block + j, ky, kx, :]. Written into
    /// `gradient` [batch, height * width, block] (overwritten); `block` must divide `categories`
    /// (`categories` gives the whole one-hot gradient). The output is linear in the one-hot input,
    /// so entry new minus entry id is exactly outputGradient . (the output change of setting that
    /// one cell to category new). Allocates nothing.
    public func oneHotGradient(_ ids: UnsafePointer<Int32>, batch: Int, inputStride: Int? = nil, outputGradient: Matrix, block: Int,
                               into gradient: UnsafeMutablePointer<Float>, parameters: UnsafeMutablePointer<Float>) {
        let cellCount = cells, inputStride = inputStride ?? height * width
        precondition(outputGradient.rows == batch * cellCount && outputGradient.columns == outChannels,
                     "CategoricalConv2D output gradient shape")
        precondition(inputStride >= height * width, "CategoricalConv2D input stride")
        precondition(block > 0 && categories % block == 0, "CategoricalConv2D one-hot gradient block \(block) does not divide \(categories)")
        let w = weight.pointer(in: parameters)
        let channels = outChannels, k = kernel, categoryStride = k * k * channels, gridWidth = width, outWidth = outputWidth
        gradient.update(repeating: 0, count: batch * height * width * block)
        for sample in 0..<batch {
            let grid = ids + sample * inputStride
            validate(grid)
            let sampleGradient = gradient + sample * height * width * block
            for oy in 0..<outputHeight {
                for ox in 0..<outWidth {
                    let dy = outputGradient.row(sample * cellCount + oy * outWidth + ox)
                    for ky in 0..<k {
                        for kx in 0..<k {
                            let cell = (oy * stride + ky) * gridWidth + ox * stride + kx
                            let first = w + (Int(grid[cell]) / block * block) * categoryStride + (ky * k + kx) * channels
                            let out = sampleGradient + cell * block
                            for j in 0..<block { out[j] += dot(first + j * categoryStride, dy, count: channels) }
                        }
                    }
                }
            }
        }
    }

    /// a . b over `count` floats, 8 at a time.
    @inline(__always)
    private func dot(_ a: UnsafeMutablePointer<Float>, _ b: UnsafeMutablePointer<Float>, count: Int) -> Float {
        var sum = SIMD8<Float>()
        var index = 0
        while index + 8 <= count {
            sum += SIMD8<Float>.load(a + index) * SIMD8<Float>.load(b + index)
            index += 8
        }
        var total = sum.sum()
        while index < count {
            total += a[index] * b[index]
            index += 1
        }
        return total
    }

    /// Traps on an id outside 0..<categories in the first `height * width` ids at `grid`, so the
    /// loops below read ids unchecked.
    @inline(__always)
    private func validate<ID: BinaryInteger>(_ grid: UnsafePointer<ID>) {
        let limit = UInt(categories)
        for index in 0..<height * width {
            let id = UInt(truncatingIfNeeded: Int(grid[index]))
            precondition(id < limit, "categorical id \(grid[index]) outside 0..<\(categories)")
        }
    }

    @inline(__always)
    private func gatherForward<ID: BinaryInteger>(_ ids: UnsafePointer<ID>, batch: Int, inputStride: Int, output: Matrix,
                                                  parameters: UnsafeMutablePointer<Float>) {
        let cellCount = cells
        precondition(output.rows == batch * cellCount && output.columns == outChannels, "CategoricalConv2D output shape")
        precondition(inputStride >= height * width, "CategoricalConv2D input stride")
        let w = weight.pointer(in: parameters), b = bias.pointer(in: parameters)
        let channels = outChannels, s = stride, gridWidth = width, outWidth = outputWidth
        for sample in 0..<batch {
            let grid = ids + sample * inputStride
            validate(grid)
            for oy in 0..<outputHeight {
                for ox in 0..<outWidth {
                    let y = output.pointer + ((sample * cellCount) + oy * outWidth + ox) * channels
                    let corner = grid + oy * s * gridWidth + ox * s
                    // 32 channels at a time in registers across the k x k gathers (each weight row
                    // read once), then 8 at a time, then one by one (same sums in the same order).
                    var channel = 0
                    while channel + 32 <= channels {
                        gather32(corner: corner, channel: channel, weights: w, bias: b, into: y)
                        channel += 32
                    }
                    while channel + 8 <= channels {
                        gather8(corner: corner, channel: channel, weights: w, bias: b, into: y)
                        channel += 8
                    }
                    for rest in channel..<channels {
                        var sum = b[rest]
                        for ky in 0..<kernel {
                            for kx in 0..<kernel { sum += w[Int(corner[ky * gridWidth + kx]) * kernel * kernel * channels + (ky * kernel + kx) * channels + rest] }
                        }
                        y[rest] = sum
                    }
                }
            }
        }
    }

    /// y[channel..<channel + 32] = bias + the weight rows of the k x k ids at `corner`, in four
    /// 8-wide registers.
    @inline(__always)
    private func gather32<ID: BinaryInteger>(corner: UnsafePointer<ID>, channel: Int, weights: UnsafeMutablePointer<Float>,
                                             bias: UnsafeMutablePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        let channels = outChannels, k = kernel, categoryStride = k &* k &* channels
        var sum0 = SIMD8<Float>.load(bias + channel), sum1 = SIMD8<Float>.load(bias + channel + 8)
        var sum2 = SIMD8<Float>.load(bias + channel + 16), sum3 = SIMD8<Float>.load(bias + channel + 24)
        var offset = channel  // (ky * k + kx) * channels + channel
        for ky in 0..<k {
            let line = corner + ky &* width
            for kx in 0..<k {
                let row = weights + (Int(line[kx]) &* categoryStride &+ offset)
                sum0 += SIMD8<Float>.load(row)
                sum1 += SIMD8<Float>.load(row + 8)
                sum2 += SIMD8<Float>.load(row + 16)
                sum3 += SIMD8<Float>.load(row + 24)
                offset &+= channels
            }
        }
        sum0.store(to: y + channel)
        sum1.store(to: y + channel + 8)
        sum2.store(to: y + channel + 16)
        sum3.store(to: y + channel + 24)
    }

    /// y[channel..<channel + 8] = bias + the weight rows of the k x k ids at `corner`.
    @inline(__always)
    private func gather8<ID: BinaryInteger>(corner: UnsafePointer<ID>, channel: Int, weights: UnsafeMutablePointer<Float>,
                                            bias: UnsafeMutablePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        let channels = outChannels, k = kernel, categoryStride = k &* k &* channels
        var sum = SIMD8<Float>.load(bias + channel)
        var offset = channel
        for ky in 0..<k {
            let line = corner + ky &* width
            for kx in 0..<k {
                sum += SIMD8<Float>.load(weights + (Int(line[kx]) &* categoryStride &+ offset))
                offset &+= channels
            }
        }
        sum.store(to: y + channel)
    }

    @inline(__always)
    private func scatterBackward<ID: BinaryInteger>(_ ids: UnsafePointer<ID>, batch: Int, inputStride: Int, outputGradient: Matrix,
                                                    gradients: UnsafeMutablePointer<Float>) {
        let cellCount = cells
        precondition(outputGradient.rows == batch * cellCount && outputGradient.columns == outChannels,
                     "CategoricalConv2D output gradient shape")
        precondition(inputStride >= height * width, "CategoricalConv2D input stride")
        let dw = weight.pointer(in: gradients), db = bias.pointer(in: gradients)
        let channels = outChannels, s = stride, gridWidth = width, outWidth = outputWidth
        for sample in 0..<batch {
            let grid = ids + sample * inputStride
            validate(grid)
            for oy in 0..<outputHeight {
                for ox in 0..<outWidth {
                    let dy = outputGradient.pointer + ((sample * cellCount) + oy * outWidth + ox) * channels
                    let corner = grid + oy * s * gridWidth + ox * s
                    var channel = 0
                    while channel + 8 <= channels {
                        scatter8(corner: corner, channel: channel, outputGradient: dy, weightGradient: dw, biasGradient: db)
                        channel += 8
                    }
                    for rest in channel..<channels {
                        db[rest] += dy[rest]
                        for ky in 0..<kernel {
                            for kx in 0..<kernel { dw[Int(corner[ky * gridWidth + kx]) * kernel * kernel * channels + (ky * kernel + kx) * channels + rest] += dy[rest] }
                        }
                    }
                }
            }
        }
    }

    /// Adds dy[channel..<channel + 8] to the bias gradient and to the weight-gradient rows of the
    /// k x k ids at `corner`.
    @inline(__always)
    private func scatter8<ID: BinaryInteger>(corner: UnsafePointer<ID>, channel: Int, outputGradient dy: UnsafeMutablePointer<Float>,
                                             weightGradient dw: UnsafeMutablePointer<Float>, biasGradient db: UnsafeMutablePointer<Float>) {
        let channels = outChannels, k = kernel, categoryStride = k &* k &* channels
        let gradient = SIMD8<Float>.load(dy + channel)
        (SIMD8<Float>.load(db + channel) + gradient).store(to: db + channel)
        var offset = channel
        for ky in 0..<k {
            let line = corner + ky &* width
            for kx in 0..<k {
                let row = dw + (Int(line[kx]) &* categoryStride &+ offset)
                (SIMD8<Float>.load(row) + gradient).store(to: row)
                offset &+= channels
            }
        }
    }
}
