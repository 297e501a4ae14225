/// Where the cells of a contact sheet go: `count` cells of `cellWidth` x `cellHeight` in a grid
/// as close to square as possible, `gap` pixels apart and around.
public struct ContactSheetLayout: Sendable, Equatable {
    public static let gap = 4

    public let columns: Int
    public let rows: Int
    public let cellWidth: Int
    public let cellHeight: Int

    public init(count: Int, cellWidth: Int, cellHeight: Int) {
        precondition(count > 0, "a contact sheet needs at least one cell")
        var columns = 1
        while columns * columns < count { columns += 1 }
        self.columns = columns
        rows = (count + columns - 1) / columns
        self.cellWidth = cellWidth
        self.cellHeight = cellHeight
    }

    public var width: Int { columns * (cellWidth + Self.gap) + Self.gap }
    public var height: Int { rows * (cellHeight + Self.gap) + Self.gap }

    /// The top-left corner of cell `index` (row-major).
    public func origin(ofCell index: Int) -> (x: Int, y: Int) {
        (Self.gap + (index % columns) * (cellWidth + Self.gap), Self.gap + (index / columns) * (cellHeight + Self.gap))
    }
}
