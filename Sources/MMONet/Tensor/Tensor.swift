/// Owned float32 storage with a shape: contiguous, row-major, 64-byte aligned and zero-filled.
/// Networks allocate their activation and gradient buffers once, sized for the largest batch,
/// and hand `Matrix` views of them to layers, so a forward or backward pass allocates nothing.
public final class Tensor: @unchecked Sendable {
    public let shape: [Int]
    public let count: Int
    public let pointer: UnsafeMutablePointer<Float>

    public init(shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "a tensor's dimensions are non-negative")
        self.shape = shape
        count = shape.reduce(1, *)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    /// A tensor holding `values` with `shape`.
    public convenience init(shape: [Int], values: [Float]) {
        self.init(shape: shape)
        precondition(values.count == count, "\(values.count) values for shape \(shape)")
        values.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: count) }
    }

    deinit { pointer.deallocate() }

    public var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }
    public var array: [Float] { Array(buffer) }

    /// The tensor as a matrix of `rows` x (count / rows).
    public func matrix(rows: Int) -> Matrix {
        precondition(rows > 0 && count % rows == 0, "\(count) values do not split into \(rows) rows")
        return Matrix(pointer, rows: rows, columns: count / rows)
    }

    /// The first `rows` rows of the tensor viewed as rows of `columns` values.
    public func matrix(rows: Int, columns: Int) -> Matrix {
        precondition(rows * columns <= count, "a \(rows) x \(columns) view exceeds a tensor of \(count) values")
        return Matrix(pointer, rows: rows, columns: columns)
    }

    public func fill(_ value: Float) { pointer.update(repeating: value, count: count) }
}
