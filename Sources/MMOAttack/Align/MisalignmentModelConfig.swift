/// The size and training of the misalignment model f_theta. The defaults (two hidden layers of 256,
/// Adam at 1e-3, batches of 64, at most 100 epochs with early stopping on the validation MSE, a
/// 90/10 split) are far smaller than the reference's five hidden layers of 1,024 at 1e-4: with the
/// default observation and m = 4 that model has about 7 times the parameters (8.7 M against 1.2 M)
/// and costs as many times more per fit and per attack step; set `hidden` to
/// `[1024, 1024, 1024, 1024, 1024]` and `learningRate` to 1e-4 for the reference's model.
public struct MisalignmentModelConfig: Sendable, Codable, Equatable {
    /// Widths of the hidden ReLU layers.
    public var hidden: [Int] = [256, 256]
    public var learningRate: Float = 1e-3
    /// Pairs (one member predicted from its teammates) per Adam step.
    public var batchSize = 64
    public var maximumEpochs = 100
    /// Stop after this many epochs without a lower validation MSE (0: run every epoch); the
    /// parameters of the best epoch are kept either way.
    public var patience = 10
    /// The fraction of the samples (whole team-steps) held out for validation.
    public var validationFraction = 0.1
    /// Seeds the initial parameters, the split and the shuffles.
    public var seed: UInt64 = 1

    public init() {}
}
