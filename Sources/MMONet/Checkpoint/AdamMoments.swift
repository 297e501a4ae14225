/// Adam's state as a checkpoint holds it: the step count (for bias correction) and the first and
/// second moments, one tensor per parameter with the parameter's name and shape. In the file the
/// moments are the tensors `adam.m.NAME` and `adam.v.NAME` and the step is the metadata entry
/// `gridmmo.adam_step`.
public struct AdamMoments: Sendable, Equatable {
    /// Tensor names of first moments start with this, second moments with `secondMomentPrefix`.
    public static let firstMomentPrefix = "adam.m."
    public static let secondMomentPrefix = "adam.v."

    /// Updates taken so far.
    public let step: Int
    /// Exponential averages of the gradients, by parameter name.
    public let firstMoment: [CheckpointTensor]
    /// Exponential averages of the squared gradients, by parameter name.
    public let secondMoment: [CheckpointTensor]

    public init(step: Int, firstMoment: [CheckpointTensor], secondMoment: [CheckpointTensor]) {
        self.step = step
        self.firstMoment = firstMoment
        self.secondMoment = secondMoment
    }
}
