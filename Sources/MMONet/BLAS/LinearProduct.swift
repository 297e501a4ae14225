import CBLAS

/// One of the three matrix products of a `Linear` layer (`inputs` -> `outputs`, W stored
/// [outputs, inputs]) on `batch` rows, as the row-major sgemm call that computes it:
/// the forward pass Y = X W^T, the input gradient dX = dY W and the weight gradient dW = dY^T X.
/// `Linear` runs its products through `run`, so `GEMMBenchmark` times exactly those calls.
public struct LinearProduct: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        case forward = "X W^T"
        case inputGradient = "dY W"
        case weightGradient = "dY^T X"
    }

    public let kind: Kind
    public let batch: Int
    public let inputs: Int
    public let outputs: Int

    public init(_ kind: Kind, batch: Int, inputs: Int, outputs: Int) {
        self.kind = kind
        self.batch = batch
        self.inputs = inputs
        self.outputs = outputs
    }

    /// Rows of the result.
    public var m: Int { kind == .weightGradient ? outputs : batch }
    /// Columns of the result.
    public var n: Int { kind == .forward ? outputs : inputs }
    /// Length of each dot product.
    public var k: Int {
        switch kind {
        case .forward: return inputs
        case .inputGradient: return outputs
        case .weightGradient: return batch
        }
    }

    /// Whether sgemm reads the left operand transposed.
    public var transposesLeft: Bool { kind == .weightGradient }
    /// Whether sgemm reads the right operand transposed.
    public var transposesRight: Bool { kind == .forward }

    /// Floating-point operations of one product (a multiply and an add per term).
    public var flops: Double { 2 * Double(m) * Double(n) * Double(k) }

    /// Values in the left operand, the right operand and the result.
    public var operandCounts: (left: Int, right: Int, result: Int) { (m * k, k * n, m * n) }

    /// result = left op right + beta * result; `left`, `right` and `result` hold `operandCounts`
    /// values, row-major, as `Linear` lays them out.
    public func run(left: UnsafePointer<Float>, right: UnsafePointer<Float>, result: UnsafeMutablePointer<Float>, beta: Float) {
        cblas_sgemm(CblasRowMajor, transposesLeft ? CblasTrans : CblasNoTrans, transposesRight ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), 1, left, Int32(transposesLeft ? m : k), right, Int32(transposesRight ? k : n),
                    beta, result, Int32(n))
    }
}
