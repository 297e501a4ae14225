/// A lookup table of learned vectors, `name.weight` [entries, dimension] exactly as
/// `torch.nn.Embedding` stores it. Forward gathers one row per Int32 index; backward scatter-adds
/// the output gradient back into the table's gradient rows. An index outside 0..<entries is a
/// precondition failure.
public struct Embedding: Sendable {
    public let entries: Int
    public let dimension: Int
    public let weight: ParameterSlice

    /// Registers `name.weight` [entries, dimension], normal with standard deviation `std`
    /// (1 is PyTorch's default).
    public init(_ name: String, entries: Int, dimension: Int, std: Float = 1, in parameters: ParameterSet) {
        precondition(entries > 0 && dimension > 0, "Embedding sizes")
        self.entries = entries
        self.dimension = dimension
        weight = parameters.add("\(name).weight", shape: [entries, dimension], initialiser: .normal(std: std))
    }

    /// output[row] = table[indices[row]] for row in 0..<count; `output` is [count, dimension].
    public func forward(indices: UnsafePointer<Int32>, count: Int, into output: Matrix, parameters: UnsafeMutablePointer<Float>) {
        precondition(output.rows == count && output.columns == dimension, "Embedding output shape")
        let table = weight.pointer(in: parameters)
        let d = dimension
        for row in 0..<count {
            let index = Int(indices[row])
            precondition(index >= 0 && index < entries, "embedding index \(index) outside 0..<\(entries)")
            (output.pointer + row * d).update(from: table + index * d, count: d)
        }
    }

    /// Accumulates gradient[table row indices[row]] += outputGradient[row] for every row (indices
    /// repeated in the batch add up). The indices are categorical: there is no input gradient.
    public func backward(indices: UnsafePointer<Int32>, count: Int, outputGradient: Matrix, gradients: UnsafeMutablePointer<Float>) {
        precondition(outputGradient.rows == count && outputGradient.columns == dimension, "Embedding gradient shape")
        let table = weight.pointer(in: gradients)
        let d = dimension
        for row in 0..<count {
            let index = Int(indices[row])
            precondition(index >= 0 && index < entries, "embedding index \(index) outside 0..<\(entries)")
            let target = table + index * d
            let source = outputGradient.pointer + row * d
            for column in 0..<d { target[column] += source[column] }
        }
    }
}
