/// A fully connected layer, y = x W^T + b, with W stored [outputs, inputs] as PyTorch stores it
/// (so checkpoints load into `torch.nn.Linear` unchanged). Forward and backward are sgemm calls
/// (`LinearProduct`).
public struct Linear: Sendable {
    public let inputs: Int
    public let outputs: Int
    public let weight: ParameterSlice
    public let bias: ParameterSlice

    /// Registers `name.weight` [outputs, inputs] (orthogonal with `gain`) and `name.bias` (zeros).
    public init(_ name: String, inputs: Int, outputs: Int, gain: Float = ParameterInitialiser.hiddenGain, in parameters: ParameterSet) {
        self.inputs = inputs
        self.outputs = outputs
        weight = parameters.add("\(name).weight", shape: [outputs, inputs], initialiser: .orthogonal(gain: gain))
        bias = parameters.add("\(name).bias", shape: [outputs], initialiser: .zeros)
    }

    /// Registers `name.weight` [sum of the blocks' rows, inputs] whose row blocks start as separate
    /// layers with those gains would (`ParameterInitialiser.orthogonalRowBlocks`), and `name.bias`
    /// (zeros): several layers over the same input as one sgemm.
    public init(_ name: String, inputs: Int, outputBlocks: [ParameterInitialiser.RowBlock], in parameters: ParameterSet) {
        self.inputs = inputs
        outputs = outputBlocks.reduce(0) { $0 + $1.rows }
        weight = parameters.add("\(name).weight", shape: [outputs, inputs], initialiser: .orthogonalRowBlocks(outputBlocks))
        bias = parameters.add("\(name).bias", shape: [outputs], initialiser: .zeros)
    }

    /// output[b] = input[b] W^T + bias. `output` may not alias `input`.
    public func forward(_ input: Matrix, into output: Matrix, parameters: UnsafeMutablePointer<Float>) {
        precondition(input.columns == inputs && output.columns == outputs && input.rows == output.rows, "Linear shapes")
        let batch = input.rows
        guard batch > 0 else { return }
        let b = bias.pointer(in: parameters)
        for row in 0..<batch { output.row(row).update(from: b, count: outputs) }
        LinearProduct(.forward, batch: batch, inputs: inputs, outputs: outputs)
            .run(left: input.pointer, right: weight.pointer(in: parameters), result: output.pointer, beta: 1)
    }

    /// Accumulates dW += dY^T X and db += sum of dY into `gradients` when given; writes (or, with
    /// `accumulate`, adds) dX = dY W into `inputGradient` when given.
    public func backward(input: Matrix, outputGradient: Matrix, inputGradient: Matrix?, accumulate: Bool = false,
                         parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>?) {
        let batch = input.rows
        guard batch > 0 else { return }
        if let gradients {
            LinearProduct(.weightGradient, batch: batch, inputs: inputs, outputs: outputs)
                .run(left: outputGradient.pointer, right: input.pointer, result: weight.pointer(in: gradients), beta: 1)
            let db = bias.pointer(in: gradients)
            for row in 0..<batch {
                let dy = outputGradient.row(row)
                for column in 0..<outputs { db[column] += dy[column] }
            }
        }
        if let inputGradient {
            precondition(inputGradient.rows == batch && inputGradient.columns == inputs, "Linear input gradient shape")
            LinearProduct(.inputGradient, batch: batch, inputs: inputs, outputs: outputs)
                .run(left: outputGradient.pointer, right: weight.pointer(in: parameters), result: inputGradient.pointer, beta: accumulate ? 1 : 0)
        }
    }
}
