import MMONet

/// f_theta, Align's model of how a team's attacked members see the world alike: from the vectors
/// (`AlignmentEncoding`) of the other `places` - 1 members of M at one step, in place order and
/// skipping member i (zeros for a dead member), followed by a one-hot of i's place (so one model
/// serves every place), it predicts member i's vector. An MLP of `Linear` layers with ReLU between
/// them (`MisalignmentModelConfig.hidden`), fitted by MSE (`fit`). The misalignment of a team at
/// a step, J, is the mean over its living members of the MSE of that prediction.
public final class MisalignmentModel: @unchecked Sendable {
    public let places: Int
    public let dimension: Int
    public let config: MisalignmentModelConfig
    public let parameters: ParameterSet
    let layers: [Linear]
    /// (places - 1) x dimension teammate values, then the place one-hot.
    public var inputWidth: Int { (places - 1) * dimension + places }

    public init(places: Int, dimension: Int, config: MisalignmentModelConfig = MisalignmentModelConfig()) {
        precondition(places >= 2, "Align predicts a member from its teammates: M needs at least two places")
        precondition(config.hidden.allSatisfy { $0 > 0 }, "hidden layers need a positive width")
        self.places = places
        self.dimension = dimension
        self.config = config
        parameters = ParameterSet()
        let widths = [(places - 1) * dimension + places] + config.hidden + [dimension]
        let parameters = parameters
        layers = (0..<widths.count - 1).map { index in
            Linear("layers.\(index)", inputs: widths[index], outputs: widths[index + 1],
                   gain: index == widths.count - 2 ? 1 : ParameterInitialiser.hiddenGain, in: parameters)
        }
        parameters.allocate(seed: config.seed)
    }

    /// Where member `member`'s values start in the input row that predicts member `target`
    /// (`member` != `target`).
    @inline(__always) func inputOffset(of member: Int, predicting target: Int) -> Int {
        (member < target ? member : member - 1) * dimension
    }

    /// Sets the place one-hot of input row `row` to `target`.
    @inline(__always) func setPlace(_ target: Int, row: UnsafeMutablePointer<Float>) {
        let onehot = row + (places - 1) * dimension
        onehot.update(repeating: 0, count: places)
        onehot[target] = 1
    }

    /// The predictions of the first `rows` input rows of `workspace` (into its output).
    func forward(rows: Int, _ workspace: MisalignmentWorkspace) {
        let p = parameters.values.pointer
        var input = workspace.input(rows)
        for (index, layer) in layers.enumerated() {
            let output = workspace.activation(index, rows)
            layer.forward(input, into: output, parameters: p)
            if index < layers.count - 1 { Activation.relu.forward(output, into: output) }
            input = output
        }
    }

    /// From d J / d output in `workspace`: adds d J / d parameters into `gradients` (the fit).
    func backward(rows: Int, _ workspace: MisalignmentWorkspace, into gradients: UnsafeMutablePointer<Float>) {
        let p = parameters.values.pointer
        for index in layers.indices.reversed() {
            let input = index == 0 ? workspace.input(rows) : workspace.activation(index - 1, rows)
            let inputGradient = index == 0 ? nil : workspace.gradient(index - 1, rows)
            layers[index].backward(input: input, outputGradient: workspace.gradient(index, rows), inputGradient: inputGradient,
                                   parameters: p, gradients: gradients)
            if let inputGradient { Activation.relu.backward(input: input, outputGradient: inputGradient, inputGradient: inputGradient) }
        }
    }

    /// From d J / d output in `workspace`: writes d J / d input into its input gradient, without the
    /// parameters' gradients (the attack).
    func backwardToInput(rows: Int, _ workspace: MisalignmentWorkspace) {
        let p = parameters.values.pointer
        for index in layers.indices.reversed() {
            let layer = layers[index]
            let inputGradient = index == 0 ? workspace.inputGradient!.matrix(rows: rows, columns: inputWidth) : workspace.gradient(index - 1, rows)
            LinearProduct(.inputGradient, batch: rows, inputs: layer.inputs, outputs: layer.outputs)
                .run(left: workspace.gradient(index, rows).pointer, right: layer.weight.pointer(in: p), result: inputGradient.pointer, beta: 0)
            if index > 0 {
                Activation.relu.backward(input: workspace.activation(index - 1, rows), outputGradient: inputGradient, inputGradient: inputGradient)
            }
        }
    }
}
