extension UnsafeMutablePointer where Pointee: Numeric {
    /// `count` values allocated and set to zero: a buffer allocated once and owned (and
    /// deallocated) by the caller.
    public static func zeroed(_ count: Int) -> UnsafeMutablePointer<Pointee> {
        let pointer = UnsafeMutablePointer<Pointee>.allocate(capacity: count)
        pointer.initialize(repeating: 0, count: count)
        return pointer
    }
}
