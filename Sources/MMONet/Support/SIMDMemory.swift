/// Loads and stores of a float vector (SIMD8, SIMD32...) at any alignment: the vector steps of the
/// hand-written loops (gathers, scatters, in-place activations) that the compiler does not
/// vectorise by itself.
extension SIMD where Scalar == Float {
    @inline(__always) static func load(_ pointer: UnsafePointer<Float>) -> Self {
        UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
    }

    @inline(__always) static func load(_ pointer: UnsafeMutablePointer<Float>) -> Self {
        UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
    }

    @inline(__always) func store(to pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self)
    }
}
