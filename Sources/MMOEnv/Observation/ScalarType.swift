/// The element type of an observation segment, named as NumPy names it.
public enum ScalarType: String, Sendable, CaseIterable {
    case uint8
    case int16
    case int32
    case float16
    case float32

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .uint8: return 1
        case .int16, .float16: return 2
        case .int32, .float32: return 4
        }
    }

    /// NumPy's type string (little-endian), for `numpy.dtype`.
    public var numpyDescriptor: String {
        switch self {
        case .uint8: return "|u1"
        case .int16: return "<i2"
        case .int32: return "<i4"
        case .float16: return "<f2"
        case .float32: return "<f4"
        }
    }
}
