/// A move: the four compass steps and staying put, in the reference action order (N, S, E, W, Stay).
public enum Direction: UInt8, CaseIterable, Sendable {
    case north = 0
    case south = 1
    case east = 2
    case west = 3
    case stay = 4

    /// Number of options of the move head.
    public static let count = 5

    /// Row change of one step.
    @inline(__always)
    public var rowDelta: Int {
        switch self {
        case .north: return -1
        case .south: return 1
        default: return 0
        }
    }

    /// Column change of one step.
    @inline(__always)
    public var colDelta: Int {
        switch self {
        case .east: return 1
        case .west: return -1
        default: return 0
        }
    }
}
