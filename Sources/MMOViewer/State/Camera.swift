/// Which part of the map the viewport shows and how large: the tile under the viewport's centre
/// and the size of a tile on screen in pixels, one of `zoomLevels`.
///
/// Tile sizes of 16 pixels and more draw the art at an integer scale; smaller ones draw each tile
/// as its material's average colour, so every level is crisp.
public struct Camera: Sendable, Equatable {
    /// Tile sizes in pixels, smallest first.
    public static let zoomLevels = [2, 4, 8, 16, 32, 48, 64]

    /// On-screen side of a tile in pixels.
    public private(set) var tileSize: Int
    /// Map position (in tiles, fractional) shown at the viewport's centre.
    public var centerRow: Double
    public var centerCol: Double

    public init(tileSize: Int, centerRow: Double, centerCol: Double) {
        precondition(Self.zoomLevels.contains(tileSize), "tile size \(tileSize) is not a zoom level")
        self.tileSize = tileSize
        self.centerRow = centerRow
        self.centerCol = centerCol
    }

    /// The map's playable square (side `playableSide`, around the middle tile) with a tile of
    /// margin, centred, at the largest zoom level at which it fits `viewport`.
    public static func fitting(mapSize: Int, playableSide: Int, in viewport: PixelRect) -> Camera {
        let fits = zoomLevels.last { (playableSide + 2) * $0 <= min(viewport.width, viewport.height) } ?? zoomLevels[0]
        let middle = Double(mapSize / 2) + 0.5
        return Camera(tileSize: fits, centerRow: middle, centerCol: middle)
    }

    /// Screen position of the top-left corner of tile (0, 0) in `viewport`.
    public func origin(in viewport: PixelRect) -> (x: Int, y: Int) {
        let x = viewport.x + viewport.width / 2 - Int((centerCol * Double(tileSize)).rounded(.down))
        let y = viewport.y + viewport.height / 2 - Int((centerRow * Double(tileSize)).rounded(.down))
        return (x, y)
    }

    /// The screen rectangle of a tile.
    public func rect(row: Int, col: Int, in viewport: PixelRect) -> PixelRect {
        let (x, y) = origin(in: viewport)
        return PixelRect(x: x + col * tileSize, y: y + row * tileSize, width: tileSize, height: tileSize)
    }

    /// The tile under a screen pixel (possibly off the map).
    public func tile(atX x: Int, y: Int, in viewport: PixelRect) -> (row: Int, col: Int) {
        let origin = origin(in: viewport)
        return (floorDivide(y - origin.y, tileSize), floorDivide(x - origin.x, tileSize))
    }

    /// The tiles at least partly inside `viewport`, clipped to a `mapSize` map: rows and columns.
    public func visibleTiles(in viewport: PixelRect, mapSize: Int) -> (rows: Range<Int>, cols: Range<Int>) {
        let first = tile(atX: viewport.x, y: viewport.y, in: viewport)
        let last = tile(atX: viewport.maxX - 1, y: viewport.maxY - 1, in: viewport)
        let rows = max(first.row, 0)..<max(min(last.row + 1, mapSize), max(first.row, 0))
        let cols = max(first.col, 0)..<max(min(last.col + 1, mapSize), max(first.col, 0))
        return (rows, cols)
    }

    /// Moves the view by a drag of (`dx`, `dy`) screen pixels (the map follows the pointer).
    public mutating func pan(dx: Int, dy: Int) {
        centerCol -= Double(dx) / Double(tileSize)
        centerRow -= Double(dy) / Double(tileSize)
    }

    /// One zoom level in (`steps` > 0) or out (`steps` < 0), keeping the tile under the screen
    /// point (`x`, `y`) where it is.
    public mutating func zoom(by steps: Int, atX x: Int, y: Int, in viewport: PixelRect) {
        let current = Self.zoomLevels.firstIndex(of: tileSize)!
        let next = Self.zoomLevels[min(max(current + steps, 0), Self.zoomLevels.count - 1)]
        guard next != tileSize else { return }
        let offsetX = Double(x - viewport.x - viewport.width / 2)
        let offsetY = Double(y - viewport.y - viewport.height / 2)
        let anchorCol = centerCol + offsetX / Double(tileSize)
        let anchorRow = centerRow + offsetY / Double(tileSize)
        tileSize = next
        centerCol = anchorCol - offsetX / Double(tileSize)
        centerRow = anchorRow - offsetY / Double(tileSize)
    }

    /// Centres the view on a tile.
    public mutating func center(onRow row: Int, col: Int) {
        centerRow = Double(row) + 0.5
        centerCol = Double(col) + 0.5
    }

    /// Keeps the centre on the map.
    public mutating func clamp(mapSize: Int) {
        centerRow = min(max(centerRow, 0), Double(mapSize))
        centerCol = min(max(centerCol, 0), Double(mapSize))
    }

    private func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}
