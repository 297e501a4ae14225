import Testing
import MMONet

@Suite struct CategoricalConv2DTests {
    /// A naive Conv2d (valid, no padding) in double over the explicit one-hot tensor
    /// [batch, categories, height, width], with a PyTorch-layout weight [out, categories, k, k].
    /// Returns the output [batch, out, outH, outW] flattened.
    static func denseConv(oneHot: [Double], batch: Int, categories: Int, height: Int, width: Int,
                          torchWeight: [Double], bias: [Double], out: Int, kernel: Int, stride: Int) -> [Double] {
        let outH = (height - kernel) / stride + 1, outW = (width - kernel) / stride + 1
        var result = [Double](repeating: 0, count: batch * out * outH * outW)
        for b in 0..<batch {
            for c in 0..<out {
                for oy in 0..<outH {
                    for ox in 0..<outW {
                        var sum = bias[c]
                        for v in 0..<categories {
                            for ky in 0..<kernel {
                                for kx in 0..<kernel {
                                    let x = oneHot[((b * categories + v) * height + oy * stride + ky) * width + ox * stride + kx]
                                    sum += torchWeight[((c * categories + v) * kernel + ky) * kernel + kx] * x
                                }
                            }
                        }
                        result[((b * out + c) * outH + oy) * outW + ox] = sum
                    }
                }
            }
        }
        return result
    }

    struct Setup {
        let parameters = ParameterSet()
        let layer: CategoricalConv2D
        let batch = 3, categories = 5, height = 7, width = 6, kernel = 3, stride = 2
        let out: Int
        let inputStride = 7 * 6 + 2  // two padding ids between samples
        let ids: [UInt8]

        /// `out` = 43 takes every path of the layer: a 32-channel block, an 8-channel block and 3 single channels.
        init(out: Int = 4) {
            self.out = out
            layer = CategoricalConv2D("tiles", categories: categories, height: height, width: width, outChannels: out, kernel: kernel,
                                      stride: stride, in: parameters)
            parameters.allocate(seed: 11)
            // Non-zero biases so they are checked too.
            var random = NetRandom(seed: 12)
            for index in 0..<out { layer.bias.pointer(in: parameters.values.pointer)[index] = random.unitFloat() - 0.5 }
            var values = [UInt8](repeating: 99, count: batch * inputStride)
            for b in 0..<batch {
                for cell in 0..<height * width { values[b * inputStride + cell] = UInt8(random.integer(below: categories)) }
            }
            ids = values
        }

        var oneHot: [Double] {
            var result = [Double](repeating: 0, count: batch * categories * height * width)
            for b in 0..<batch {
                for cell in 0..<height * width {
                    result[(b * categories + Int(ids[b * inputStride + cell])) * height * width + cell] = 1
                }
            }
            return result
        }

        /// Our [V, k, k, out] weight permuted to PyTorch's [out, V, k, k].
        func torchLayout(_ weight: UnsafeMutablePointer<Float>) -> [Double] {
            var result = [Double](repeating: 0, count: out * categories * kernel * kernel)
            for c in 0..<out {
                for v in 0..<categories {
                    for k in 0..<kernel * kernel {
                        result[(c * categories + v) * kernel * kernel + k] = Double(weight[(v * kernel * kernel + k) * out + c])
                    }
                }
            }
            return result
        }
    }

    @Test func shapesAndLayout() {
        let setup = Setup()
        #expect(setup.layer.outputHeight == 3 && setup.layer.outputWidth == 2 && setup.layer.cells == 6)
        #expect(setup.parameters.slice(named: "tiles.weight")?.shape == [5, 3, 3, 4])
        #expect(setup.parameters.slice(named: "tiles.bias")?.shape == [4])
    }

    @Test(arguments: [4, 43]) func forwardEqualsADenseConvolutionOfTheOneHotInput(channels: Int) {
        let setup = Setup(out: channels)
        let layer = setup.layer, p = setup.parameters.values.pointer
        let cells = layer.cells
        let output = Tensor(shape: [setup.batch * cells, setup.out])
        setup.ids.withUnsafeBufferPointer {
            layer.forward($0.baseAddress!, batch: setup.batch, inputStride: setup.inputStride, into: output.matrix(rows: setup.batch * cells), parameters: p)
        }
        let bias = (0..<setup.out).map { Double(layer.bias.pointer(in: p)[$0]) }
        let expected = Self.denseConv(oneHot: setup.oneHot, batch: setup.batch, categories: setup.categories, height: setup.height,
                                      width: setup.width, torchWeight: setup.torchLayout(layer.weight.pointer(in: p)), bias: bias,
                                      out: setup.out, kernel: setup.kernel, stride: setup.stride)
        var worst = 0.0
        for b in 0..<setup.batch {
            for cell in 0..<cells {
                for c in 0..<setup.out {
                    let ours = Double(output.pointer[(b * cells + cell) * setup.out + c])
                    worst = max(worst, abs(ours - expected[(b * setup.out + c) * cells + cell]))
                }
            }
        }
        #expect(worst < 1e-5)
        #expect(output.array.contains { $0 != 0 })

        // Int32 ids give the same output.
        let wide = setup.ids.map { Int32($0) }
        let output32 = Tensor(shape: [setup.batch * cells, setup.out])
        wide.withUnsafeBufferPointer {
            layer.forward($0.baseAddress!, batch: setup.batch, inputStride: setup.inputStride, into: output32.matrix(rows: setup.batch * cells), parameters: p)
        }
        #expect(output32.array == output.array)
    }

    @Test(arguments: [4, 43]) func weightGradientEqualsTheDenseConvolutionsPermuted(channels: Int) {
        let setup = Setup(out: channels)
        let layer = setup.layer
        let cells = layer.cells, rows = setup.batch * cells
        let gradients = setup.parameters.makeGradient()
        let upstream = randomTensor([rows, setup.out], seed: 13)
        setup.ids.withUnsafeBufferPointer {
            layer.backward($0.baseAddress!, batch: setup.batch, inputStride: setup.inputStride, outputGradient: upstream.matrix(rows: rows),
                           gradients: gradients.pointer)
        }
        // Dense: dW[c, v, ky, kx] = sum over samples and cells of dy[c] * onehot[v, oy*s+ky, ox*s+kx].
        let oneHot = setup.oneHot
        let k = setup.kernel, hw = setup.height * setup.width
        var dense = [Double](repeating: 0, count: setup.out * setup.categories * k * k)
        for b in 0..<setup.batch {
            for oy in 0..<layer.outputHeight {
                for ox in 0..<layer.outputWidth {
                    let cell = oy * layer.outputWidth + ox
                    for c in 0..<setup.out {
                        let dy = Double(upstream.pointer[(b * cells + cell) * setup.out + c])
                        for v in 0..<setup.categories {
                            for ky in 0..<k {
                                for kx in 0..<k {
                                    let x = oneHot[(b * setup.categories + v) * hw + (oy * setup.stride + ky) * setup.width + ox * setup.stride + kx]
                                    dense[((c * setup.categories + v) * k + ky) * k + kx] += dy * x
                                }
                            }
                        }
                    }
                }
            }
        }
        let ours = setup.torchLayout(layer.weight.pointer(in: gradients.pointer))
        var worst = 0.0
        for index in dense.indices { worst = max(worst, abs(dense[index] - ours[index])) }
        #expect(worst < 1e-5)
        #expect(dense.contains { $0 != 0 })
    }

    @Test func gradientsMatchFiniteDifferences() {
        let setup = Setup()
        let layer = setup.layer, p = setup.parameters.values.pointer
        let rows = setup.batch * layer.cells
        let gradients = setup.parameters.makeGradient()
        let output = Tensor(shape: [rows, setup.out])
        let weights = randomTensor([rows, setup.out], seed: 14)
        let wide = setup.ids.map { Int32($0) }
        wide.withUnsafeBufferPointer {
            layer.forward($0.baseAddress!, batch: setup.batch, inputStride: setup.inputStride, into: output.matrix(rows: rows), parameters: p)
            layer.backward($0.baseAddress!, batch: setup.batch, inputStride: setup.inputStride, outputGradient: weights.matrix(rows: rows),
                           gradients: gradients.pointer)
        }
        let probes = [
            GradientCheck.Probe(name: "weight", values: layer.weight.pointer(in: p), gradient: layer.weight.pointer(in: gradients.pointer),
                                count: layer.weight.count),
            GradientCheck.Probe(name: "bias", values: layer.bias.pointer(in: p), gradient: layer.bias.pointer(in: gradients.pointer), count: layer.bias.count),
        ]
        let failures = GradientCheck(samplesPerProbe: 1000).mismatches(probes) {
            wide.withUnsafeBufferPointer {
                layer.forward($0.baseAddress!, batch: setup.batch, inputStride: setup.inputStride, into: output.matrix(rows: rows), parameters: p)
            }
            return projectedLoss(output.matrix(rows: rows), weights.matrix(rows: rows))
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    /// The one-hot gradient equals the dense convolution's input gradient (for the whole one-hot
    /// and for aligned blocks of it), and a change of one cell's category changes the projected
    /// loss by exactly the difference of two of its entries (the output is linear in the one-hot).
    @Test(arguments: [4, 43]) func oneHotGradientIsTheDenseInputGradient(channels: Int) {
        let setup = Setup(out: channels)
        let layer = setup.layer, p = setup.parameters.values.pointer
        let cells = layer.cells, rows = setup.batch * cells, hw = setup.height * setup.width, k = setup.kernel
        let upstream = randomTensor([rows, setup.out], seed: 15)
        let torchWeight = setup.torchLayout(layer.weight.pointer(in: p))
        // Dense: d loss / d onehot[b, v, y, x] = sum over cells covering (y, x) and channels of dy * W[c, v, ky, kx].
        var dense = [Double](repeating: 0, count: setup.batch * setup.categories * hw)
        for b in 0..<setup.batch {
            for oy in 0..<layer.outputHeight {
                for ox in 0..<layer.outputWidth {
                    for c in 0..<setup.out {
                        let dy = Double(upstream.pointer[(b * cells + oy * layer.outputWidth + ox) * setup.out + c])
                        for v in 0..<setup.categories {
                            for ky in 0..<k {
                                for kx in 0..<k {
                                    let cell = (oy * setup.stride + ky) * setup.width + ox * setup.stride + kx
                                    dense[(b * setup.categories + v) * hw + cell] += dy * torchWeight[((c * setup.categories + v) * k + ky) * k + kx]
                                }
                            }
                        }
                    }
                }
            }
        }
        let wide = setup.ids.map { Int32($0) }
        let full = [Float](unsafeUninitializedCapacity: setup.batch * hw * setup.categories) { buffer, count in
            wide.withUnsafeBufferPointer {
                layer.oneHotGradient($0.baseAddress!, batch: setup.batch, inputStride: setup.inputStride, outputGradient: upstream.matrix(rows: rows),
                                     block: setup.categories, into: buffer.baseAddress!, parameters: p)
            }
            count = setup.batch * hw * setup.categories
        }
        var worst = 0.0
        for b in 0..<setup.batch {
            for cell in 0..<hw {
                for v in 0..<setup.categories {
                    worst = max(worst, abs(Double(full[(b * hw + cell) * setup.categories + v]) - dense[(b * setup.categories + v) * hw + cell]))
                }
            }
        }
        #expect(worst < 1e-5)
        #expect(dense.contains { abs($0) > 0.1 })

        // A single-category block gives each cell's own entry.
        let own = [Float](unsafeUninitializedCapacity: setup.batch * hw) { buffer, count in
            wide.withUnsafeBufferPointer {
                layer.oneHotGradient($0.baseAddress!, batch: setup.batch, inputStride: setup.inputStride, outputGradient: upstream.matrix(rows: rows),
                                     block: 1, into: buffer.baseAddress!, parameters: p)
            }
            count = setup.batch * hw
        }
        for b in 0..<setup.batch {
            for cell in 0..<hw {
                let id = Int(setup.ids[b * setup.inputStride + cell])
                #expect(abs(own[b * hw + cell] - full[(b * hw + cell) * setup.categories + id]) < 1e-6)
            }
        }

        // Changing one cell's category moves the projected loss by exactly entry new - entry old.
        let output = Tensor(shape: [rows, setup.out])
        func loss(_ ids: [Int32]) -> Double {
            ids.withUnsafeBufferPointer {
                layer.forward($0.baseAddress!, batch: setup.batch, inputStride: setup.inputStride, into: output.matrix(rows: rows), parameters: p)
            }
            return projectedLoss(output.matrix(rows: rows), upstream.matrix(rows: rows))
        }
        let clean = loss(wide)
        for (b, cell) in [(0, 0), (1, 17), (2, hw - 1), (2, 20)] {
            let old = Int(wide[b * setup.inputStride + cell]), new = (old + 2) % setup.categories
            var flipped = wide
            flipped[b * setup.inputStride + cell] = Int32(new)
            let predicted = Double(full[(b * hw + cell) * setup.categories + new] - full[(b * hw + cell) * setup.categories + old])
            #expect(abs((loss(flipped) - clean) - predicted) < 1e-4)
        }
    }

    @Test func outOfRangeIdIsAPreconditionFailure() async {
        await #expect(processExitsWith: .failure) {
            let parameters = ParameterSet()
            let layer = CategoricalConv2D("c", categories: 3, height: 2, width: 2, outChannels: 2, kernel: 2, in: parameters)
            parameters.allocate(seed: 1)
            let output = Tensor(shape: [1, 2])
            let ids: [UInt8] = [0, 1, 3, 2]
            ids.withUnsafeBufferPointer {
                layer.forward($0.baseAddress!, batch: 1, into: output.matrix(rows: 1), parameters: parameters.values.pointer)
            }
        }
    }
}
