/// A non-owning row-major view of `rows` x `columns` float32 values: what every layer reads and
/// writes. Rows are samples (or sample-times-item for per-item layers). Creating one allocates nothing.
public struct Matrix: @unchecked Sendable {
    public let pointer: UnsafeMutablePointer<Float>
    public let rows: Int
    public let columns: Int

    public init(_ pointer: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        self.pointer = pointer
        self.rows = rows
        self.columns = columns
    }

    public var count: Int { rows * columns }

    @inline(__always) public subscript(row: Int, column: Int) -> Float {
        get { pointer[row * columns + column] }
        nonmutating set { pointer[row * columns + column] = newValue }
    }

    /// Pointer to the first value of a row.
    @inline(__always) public func row(_ row: Int) -> UnsafeMutablePointer<Float> { pointer + row * columns }

    /// Rows `range` of this matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        Matrix(pointer + range.lowerBound * columns, rows: range.count, columns: columns)
    }

    /// The same values seen as `rows` x `columns` (same count).
    public func reshaped(rows: Int, columns: Int) -> Matrix {
        precondition(rows * columns == count, "cannot view \(self.rows) x \(self.columns) as \(rows) x \(columns)")
        return Matrix(pointer, rows: rows, columns: columns)
    }

    public func fill(_ value: Float) { pointer.update(repeating: value, count: count) }

    public func copy(from other: Matrix) {
        precondition(other.count == count, "copy between matrices of different sizes")
        pointer.update(from: other.pointer, count: count)
    }

    /// Adds `other` into this matrix, element by element.
    public func add(_ other: Matrix) {
        precondition(other.count == count, "add between matrices of different sizes")
        for index in 0..<count { pointer[index] += other.pointer[index] }
    }
}
