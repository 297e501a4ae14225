/// A named float32 tensor as a checkpoint holds it: the shape (row-major, outermost first, as
/// PyTorch and NumPy give it) and its values. What the safetensors writer takes and the reader
/// gives for `F32` tensors.
public struct CheckpointTensor: Sendable, Equatable {
    public let name: String
    public let shape: [Int]
    /// The product of `shape` (1 for a scalar, whose shape is `[]`) values, row-major.
    public let values: [Float]

    /// A tensor; the writer refuses one whose values do not fill its shape.
    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }

    /// Elements the shape holds, or nil when a dimension is negative or the product overflows.
    static func elementCount(_ shape: [Int]) -> Int? {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }

    /// `[64, 32]`, how shapes appear in messages.
    static func shapeText(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }
}
