import Testing
import MMONet

@Suite struct LayerNormTests {
    @Test func forwardNormalisesRowsAndSavesStatistics() {
        let parameters = ParameterSet()
        let layer = LayerNorm("ln", features: 4, in: parameters)
        parameters.allocate(seed: 1)
        let p = parameters.values.pointer
        #expect(parameters.slice(named: "ln.weight")?.shape == [4])
        #expect(Array(UnsafeBufferPointer(start: layer.weight.pointer(in: p), count: 4)) == [1, 1, 1, 1])
        #expect(Array(UnsafeBufferPointer(start: layer.bias.pointer(in: p), count: 4)) == [0, 0, 0, 0])
        let input = Tensor(shape: [2, 4], values: [1, 2, 3, 4, -2, -2, -2, -2])
        let output = Tensor(shape: [2, 4])
        let statistics = Tensor(shape: [LayerNorm.statisticsCount(rows: 2)])
        layer.forward(input.matrix(rows: 2), into: output.matrix(rows: 2), statistics: statistics.pointer, parameters: p)
        // Row 0: mean 2.5, biased variance 1.25.
        let inverseStd = 1 / (1.25 + 1e-5).squareRoot()
        for (index, x) in [1.0, 2, 3, 4].enumerated() {
            #expect(abs(Double(output.pointer[index]) - (x - 2.5) * inverseStd) < 1e-5)
        }
        #expect(statistics.pointer[0] == 2.5)
        #expect(abs(Double(statistics.pointer[1]) - inverseStd) < 1e-5)
        // A constant row normalises to zeros (eps keeps it finite).
        #expect(Array(output.array[4..<8]) == [0, 0, 0, 0])
        #expect(statistics.pointer[2] == -2)

        // Weight and bias scale and shift.
        layer.weight.pointer(in: p).update(repeating: 2, count: 4)
        layer.bias.pointer(in: p).update(repeating: 1, count: 4)
        layer.forward(input.matrix(rows: 2), into: output.matrix(rows: 2), parameters: p)
        #expect(abs(Double(output.pointer[0]) - (2 * -1.5 * inverseStd + 1)) < 1e-5)
        #expect(output.pointer[5] == 1)
    }

    @Test func gradientsMatchFiniteDifferences() {
        let parameters = ParameterSet()
        let layer = LayerNorm("ln", features: 9, in: parameters)
        parameters.allocate(seed: 2)
        let p = parameters.values.pointer
        // Non-trivial affine parameters so every term of the gradient matters.
        let w = layer.weight.pointer(in: p), b = layer.bias.pointer(in: p)
        var random = NetRandom(seed: 7)
        for index in 0..<9 { w[index] = 0.5 + random.unitFloat(); b[index] = random.unitFloat() - 0.5 }
        let gradients = parameters.makeGradient()
        let input = randomTensor([5, 9], seed: 3, low: -2, high: 2)
        let output = Tensor(shape: [5, 9])
        let weights = randomTensor([5, 9], seed: 4)
        let statistics = Tensor(shape: [LayerNorm.statisticsCount(rows: 5)])
        let inputGradient = Tensor(shape: [5, 9])
        layer.forward(input.matrix(rows: 5), into: output.matrix(rows: 5), statistics: statistics.pointer, parameters: p)
        layer.backward(input: input.matrix(rows: 5), outputGradient: weights.matrix(rows: 5), inputGradient: inputGradient.matrix(rows: 5),
                       statistics: statistics.pointer, parameters: p, gradients: gradients.pointer)
        let probes = [
            GradientCheck.Probe(name: "weight", values: w, gradient: layer.weight.pointer(in: gradients.pointer), count: 9),
            GradientCheck.Probe(name: "bias", values: b, gradient: layer.bias.pointer(in: gradients.pointer), count: 9),
            GradientCheck.Probe(name: "input", values: input.pointer, gradient: inputGradient.pointer, count: input.count),
        ]
        let failures = GradientCheck(samplesPerProbe: 1000).mismatches(probes) {
            layer.forward(input.matrix(rows: 5), into: output.matrix(rows: 5), parameters: p)
            return projectedLoss(output.matrix(rows: 5), weights.matrix(rows: 5))
        }
        #expect(failures.isEmpty, "\(failures)")

        // Parameter gradients accumulate across calls; accumulate adds into the input gradient.
        let before = layer.bias.pointer(in: gradients.pointer)[0]
        let accumulated = Tensor(shape: [5, 9], values: inputGradient.array)
        layer.backward(input: input.matrix(rows: 5), outputGradient: weights.matrix(rows: 5), inputGradient: accumulated.matrix(rows: 5),
                       accumulate: true, statistics: statistics.pointer, parameters: p, gradients: gradients.pointer)
        #expect(abs(layer.bias.pointer(in: gradients.pointer)[0] - 2 * before) < 1e-5)
        for index in 0..<input.count { #expect(abs(accumulated.pointer[index] - 2 * inputGradient.pointer[index]) < 1e-5) }
    }
}
