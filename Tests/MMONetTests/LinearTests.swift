import Testing
import MMONet

@Suite struct LinearTests {
    @Test func forwardMatchesHandComputedValues() {
        let parameters = ParameterSet()
        let layer = Linear("fc", inputs: 2, outputs: 3, in: parameters)
        parameters.allocate(seed: 1)
        let p = parameters.values.pointer
        let weights: [Float] = [1, 2, -1, 0.5, 0, 3]
        for (index, value) in weights.enumerated() { layer.weight.pointer(in: p)[index] = value }
        for (index, value) in [Float(0.1), -0.2, 0.3].enumerated() { layer.bias.pointer(in: p)[index] = value }
        let input = Tensor(shape: [2, 2], values: [1, 2, -1, 4])
        let output = Tensor(shape: [2, 3])
        layer.forward(input.matrix(rows: 2), into: output.matrix(rows: 2), parameters: p)
        // Row 0: [1*1+2*2, -1*1+0.5*2, 0*1+3*2] + bias; row 1: [-1+8, 1+2, 0+12] + bias.
        #expect(output.array == [5.1, -0.2, 6.3, 7.1, 2.8, 12.3])
    }

    @Test func gradientsMatchFiniteDifferences() {
        let parameters = ParameterSet()
        let layer = Linear("fc", inputs: 7, outputs: 5, in: parameters)
        parameters.allocate(seed: 3)
        let gradients = parameters.makeGradient()
        let input = randomTensor([4, 7], seed: 4)
        let inputGradient = Tensor(shape: [4, 7])
        let output = Tensor(shape: [4, 5])
        let weights = randomTensor([4, 5], seed: 5)
        let p = parameters.values.pointer
        layer.forward(input.matrix(rows: 4), into: output.matrix(rows: 4), parameters: p)
        layer.backward(input: input.matrix(rows: 4), outputGradient: weights.matrix(rows: 4), inputGradient: inputGradient.matrix(rows: 4),
                       parameters: p, gradients: gradients.pointer)
        let probes = [
            GradientCheck.Probe(name: "weight", values: layer.weight.pointer(in: p), gradient: layer.weight.pointer(in: gradients.pointer), count: layer.weight.count),
            GradientCheck.Probe(name: "bias", values: layer.bias.pointer(in: p), gradient: layer.bias.pointer(in: gradients.pointer), count: layer.bias.count),
            GradientCheck.Probe(name: "input", values: input.pointer, gradient: inputGradient.pointer, count: input.count),
        ]
        let failures = GradientCheck().mismatches(probes) {
            layer.forward(input.matrix(rows: 4), into: output.matrix(rows: 4), parameters: p)
            return projectedLoss(output.matrix(rows: 4), weights.matrix(rows: 4))
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func orthogonalInitialisationGivesOrthonormalRowsTimesGain() {
        let parameters = ParameterSet()
        let layer = Linear("fc", inputs: 8, outputs: 3, gain: 2, in: parameters)
        parameters.allocate(seed: 9)
        let w = layer.weight.pointer(in: parameters.values.pointer)
        for a in 0..<3 {
            for b in 0..<3 {
                var dot: Float = 0
                for k in 0..<8 { dot += w[a * 8 + k] * w[b * 8 + k] }
                #expect(abs(dot - (a == b ? 4 : 0)) < 1e-4)
            }
        }
    }

    @Test func rowBlocksAreEachOrthogonalWithTheirOwnGain() {
        let parameters = ParameterSet()
        // A wide block (more rows than inputs: orthonormal columns) then a narrow one with another gain.
        let layer = Linear("heads", inputs: 4, outputBlocks: [.init(rows: 6, gain: 0.5), .init(rows: 2, gain: 3)], in: parameters)
        parameters.allocate(seed: 4)
        #expect(layer.outputs == 8)
        let w = layer.weight.pointer(in: parameters.values.pointer)
        for a in 0..<4 {  // columns of the first block: 6 rows, 4 orthogonal columns of norm 0.5
            for b in 0..<4 {
                var dot: Float = 0
                for row in 0..<6 { dot += w[row * 4 + a] * w[row * 4 + b] }
                #expect(abs(dot - (a == b ? 0.25 : 0)) < 1e-4)
            }
        }
        for a in 6..<8 {  // rows of the second block: orthogonal, norm 3
            for b in 6..<8 {
                var dot: Float = 0
                for k in 0..<4 { dot += w[a * 4 + k] * w[b * 4 + k] }
                #expect(abs(dot - (a == b ? 9 : 0)) < 1e-4)
            }
        }
    }
}
