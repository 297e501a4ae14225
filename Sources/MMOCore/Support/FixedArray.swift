/// A fixed-length array over manually managed memory, for the simulation's hot columns.
///
/// Reads and writes compile to plain loads and stores: no copy-on-write, no exclusivity or
/// reference-count traffic, which is what lets a tick run without touching the allocator. The
/// owner (an entity table or world) allocates every column once and calls `deallocate()` in its
/// `deinit`. Bounds are checked in debug builds, and in optimised builds compiled with
/// `-DCHECKED_BOUNDS` (what `make test`'s checked soak uses); other release builds skip the check.
public struct FixedArray<Element>: @unchecked Sendable {
    /// First element.
    public let base: UnsafeMutablePointer<Element>
    /// Number of elements.
    public let count: Int

    /// Allocates `count` elements, all set to `value`.
    public init(repeating value: Element, count: Int) {
        precondition(count >= 0, "FixedArray count must not be negative")
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: max(count, 1))
        self.count = count
    }

    @inlinable @inline(__always)
    public subscript(index: Int) -> Element {
        get {
            checkIndex(index)
            return base[index]
        }
        nonmutating set {
            checkIndex(index)
            base[index] = newValue
        }
    }

    @inlinable @inline(__always)
    func checkIndex(_ index: Int) {
        #if CHECKED_BOUNDS
        precondition(index >= 0 && index < count, "FixedArray index \(index) out of 0..<\(count)")
        #else
        assert(index >= 0 && index < count, "FixedArray index \(index) out of 0..<\(count)")
        #endif
    }

    /// Sets every element to `value`.
    @inlinable
    public func fill(_ value: Element) {
        base.update(repeating: value, count: count)
    }

    /// Copies `source` (which must have `count` elements) into this array.
    @inlinable
    public func copy(from source: UnsafePointer<Element>) {
        base.update(from: source, count: count)
    }

    /// A read-only view of the elements.
    public var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    /// The elements copied into a Swift array (for tests and tools, not the hot path).
    public var array: [Element] { Array(buffer) }

    /// Frees the memory; the owner calls this exactly once.
    public func deallocate() {
        base.deinitialize(count: max(count, 1))
        base.deallocate()
    }
}
