/// One mutable value in manually managed memory, held through a `let`: how a class keeps hot
/// mutable state (a tick counter, a count read for every agent) without Swift's dynamic
/// exclusivity checks, which guard every access to a class's stored `var`s. The owner allocates it
/// once and calls `deallocate()` in its `deinit`; like `FixedArray`, a cell belongs to one
/// environment and is touched by one thread at a time.
public struct UnmanagedCell<Value>: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<Value>

    /// Allocates the cell holding `value`.
    public init(_ value: Value) {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: value)
    }

    /// The value.
    @inlinable @inline(__always)
    public var value: Value {
        get { pointer.pointee }
        nonmutating set { pointer.pointee = newValue }
    }

    /// Frees the memory; the owner calls this exactly once.
    public func deallocate() {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}
