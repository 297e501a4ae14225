import Foundation
import Testing
import MMONet

@Suite struct ActivationTests {
    @Test func reluAndGeluMatchHandComputedValues() {
        let input = Tensor(shape: [1, 4], values: [-2, -0.5, 0.5, 3])
        let output = Tensor(shape: [1, 4])
        Activation.relu.forward(input.matrix(rows: 1), into: output.matrix(rows: 1))
        #expect(output.array == [0, 0, 0.5, 3])
        Activation.gelu.forward(input.matrix(rows: 1), into: output.matrix(rows: 1))
        // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), evaluated in double.
        for (index, x) in [-2.0, -0.5, 0.5, 3].enumerated() {
            let expected = 0.5 * x * (1 + tanh((2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x)))
            #expect(abs(Double(output.pointer[index]) - expected) < 1e-6, "gelu(\(x))")
        }
        // Known values of the tanh approximation (PyTorch: gelu(1, approximate='tanh') = 0.841192).
        let one = Tensor(shape: [1, 1], values: [1])
        Activation.gelu.forward(one.matrix(rows: 1), into: one.matrix(rows: 1))
        #expect(abs(one.pointer[0] - 0.841192) < 1e-5)
    }

    @Test func forwardRunsInPlace() {
        let values = randomTensor([3, 5], seed: 1, low: -2, high: 2)
        let copy = Tensor(shape: [3, 5], values: values.array)
        let expected = Tensor(shape: [3, 5])
        Activation.gelu.forward(copy.matrix(rows: 3), into: expected.matrix(rows: 3))
        Activation.gelu.forward(values.matrix(rows: 3), into: values.matrix(rows: 3))
        #expect(values.array == expected.array)
    }

    @Test(arguments: [Activation.relu, Activation.gelu])
    func gradientsMatchFiniteDifferences(_ activation: Activation) {
        let input = randomTensor([4, 6], seed: 2, low: -3, high: 3)
        // Keep ReLU's inputs away from its kink, where finite differences straddle it.
        for index in 0..<input.count where abs(input.pointer[index]) < 0.1 { input.pointer[index] = 0.25 }
        let output = Tensor(shape: [4, 6])
        let weights = randomTensor([4, 6], seed: 3)
        let inputGradient = Tensor(shape: [4, 6])
        activation.forward(input.matrix(rows: 4), into: output.matrix(rows: 4))
        activation.backward(input: input.matrix(rows: 4), outputGradient: weights.matrix(rows: 4), inputGradient: inputGradient.matrix(rows: 4))
        let probe = GradientCheck.Probe(name: "input", values: input.pointer, gradient: inputGradient.pointer, count: input.count)
        let failures = GradientCheck(samplesPerProbe: 1000).mismatches([probe]) {
            activation.forward(input.matrix(rows: 4), into: output.matrix(rows: 4))
            return projectedLoss(output.matrix(rows: 4), weights.matrix(rows: 4))
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(inputGradient.array.contains { $0 != 0 })

        // accumulate adds onto what is there.
        let accumulated = Tensor(shape: [4, 6])
        accumulated.fill(1)
        activation.backward(input: input.matrix(rows: 4), outputGradient: weights.matrix(rows: 4), inputGradient: accumulated.matrix(rows: 4),
                            accumulate: true)
        for index in 0..<input.count { #expect(abs(accumulated.pointer[index] - 1 - inputGradient.pointer[index]) < 1e-6) }
    }

    @Test func reluBackwardFromItsOutputEqualsFromItsInput() {
        let input = randomTensor([2, 8], seed: 4, low: -1, high: 1)
        let output = Tensor(shape: [2, 8])
        Activation.relu.forward(input.matrix(rows: 2), into: output.matrix(rows: 2))
        let upstream = randomTensor([2, 8], seed: 5)
        let fromInput = Tensor(shape: [2, 8]), fromOutput = Tensor(shape: [2, 8])
        Activation.relu.backward(input: input.matrix(rows: 2), outputGradient: upstream.matrix(rows: 2), inputGradient: fromInput.matrix(rows: 2))
        Activation.relu.backward(input: output.matrix(rows: 2), outputGradient: upstream.matrix(rows: 2), inputGradient: fromOutput.matrix(rows: 2))
        #expect(fromInput.array == fromOutput.array)
    }

    /// 21 values: two 8-wide vector steps and a 5-value tail, all in place, as the network runs ReLU.
    @Test func reluInPlaceFollowsTheDefinitionInVectorsAndTail() {
        let input = randomTensor([3, 7], seed: 6, low: -1, high: 1)
        input.pointer[20] = 0  // the kink: value 0 and gradient 0 at exactly 0
        let original = input.array
        Activation.relu.forward(input.matrix(rows: 3), into: input.matrix(rows: 3))
        #expect(input.array == original.map { max($0, 0) })

        let upstream = randomTensor([3, 7], seed: 7)
        let expected = (0..<21).map { original[$0] > 0 ? upstream.pointer[$0] : 0 }
        let gradient = Tensor(shape: [3, 7], values: upstream.array)
        Activation.relu.backward(input: input.matrix(rows: 3), outputGradient: gradient.matrix(rows: 3), inputGradient: gradient.matrix(rows: 3))
        #expect(gradient.array == expected)
        Activation.relu.backward(input: input.matrix(rows: 3), outputGradient: upstream.matrix(rows: 3), inputGradient: gradient.matrix(rows: 3),
                                 accumulate: true)
        #expect(gradient.array == expected.map { 2 * $0 })
        #expect(expected.contains { $0 != 0 } && expected.contains { $0 == 0 })
    }
}
