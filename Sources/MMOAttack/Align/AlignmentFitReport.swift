/// How fitting the misalignment model went. A pair is one living member of one sample predicted
/// from its teammates; MSEs are means over pairs of the mean squared error over the vector's
/// `dimension` values. `baselineMSE` predicts every validation pair by the mean training vector of
/// its place: a model that learned something from the teammates beats it.
public struct AlignmentFitReport: Sendable, Codable, Equatable {
    public var samples = 0
    public var trainSamples = 0
    public var validationSamples = 0
    public var trainPairs = 0
    public var validationPairs = 0
    /// Epochs run, and the one whose parameters were kept (the lowest validation MSE), from 1.
    public var epochs = 0
    public var bestEpoch = 0
    public var trainMSE = 0.0
    public var validationMSE = 0.0
    public var baselineMSE = 0.0
    /// Per place: the clean J_i on the validation split (its validation pairs' mean error) and how
    /// many pairs it rests on.
    public var placeValidationMSE: [Double] = []
    public var placeValidationPairs: [Int] = []
    /// Wall-clock time of the fit.
    public var seconds = 0.0

    public init() {}

    /// The per-place clean J_i, +infinity for a place without validation pairs (never "most aligned").
    public var placeErrors: [Double] {
        zip(placeValidationMSE, placeValidationPairs).map { $1 > 0 ? $0 : .infinity }
    }
}
