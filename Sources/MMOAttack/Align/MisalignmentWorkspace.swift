import MMONet

/// The activations and gradients of the misalignment model for up to `capacity` rows (one row = one
/// member predicted from its teammates), allocated once; each worker thread owns one.
final class MisalignmentWorkspace: @unchecked Sendable {
    let capacity: Int
    /// [capacity, inputWidth] the rows' inputs and, when asked for, d J / d input.
    let input: Tensor
    let inputGradient: Tensor?
    /// [capacity, dimension] what each row should predict.
    let target: Tensor
    /// Per layer: its output (after the ReLU for hidden layers) and d J / d that output.
    let activations: [Tensor]
    let gradients: [Tensor]

    init(model: MisalignmentModel, capacity: Int, inputGradient: Bool) {
        self.capacity = capacity
        input = Tensor(shape: [capacity, model.inputWidth])
        self.inputGradient = inputGradient ? Tensor(shape: [capacity, model.inputWidth]) : nil
        target = Tensor(shape: [capacity, model.dimension])
        activations = model.layers.map { Tensor(shape: [capacity, $0.outputs]) }
        gradients = model.layers.map { Tensor(shape: [capacity, $0.outputs]) }
    }

    func input(_ rows: Int) -> Matrix { input.matrix(rows: rows, columns: input.shape[1]) }
    func target(_ rows: Int) -> Matrix { target.matrix(rows: rows, columns: target.shape[1]) }
    func activation(_ layer: Int, _ rows: Int) -> Matrix { activations[layer].matrix(rows: rows, columns: activations[layer].shape[1]) }
    func gradient(_ layer: Int, _ rows: Int) -> Matrix { gradients[layer].matrix(rows: rows, columns: gradients[layer].shape[1]) }
    /// The model's prediction and d J / d prediction.
    func output(_ rows: Int) -> Matrix { activation(activations.count - 1, rows) }
    func outputGradient(_ rows: Int) -> Matrix { gradient(gradients.count - 1, rows) }
    var prediction: UnsafeMutablePointer<Float> { activations[activations.count - 1].pointer }
}
