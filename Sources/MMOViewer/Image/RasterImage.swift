/// An image in memory: `width` x `height` pixels, row-major, each `0xAARRGGBB`.
public struct RasterImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt32]

    /// An image filled with one colour.
    public init(width: Int, height: Int, fill: Color = Color(hex: 0, alpha: 0)) {
        self.init(width: width, height: height, pixels: [UInt32](repeating: fill.argb, count: width * height))
    }

    public init(width: Int, height: Int, pixels: [UInt32]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height, "a \(width)x\(height) image needs \(width * height) pixels")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The pixel at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> UInt32 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// Copies `source` with its top-left corner at (`x`, `y`), clipped to this image.
    public mutating func paste(_ source: RasterImage, x: Int, y: Int) {
        for row in 0..<source.height where y + row >= 0 && y + row < height {
            for col in 0..<source.width where x + col >= 0 && x + col < width {
                self[x + col, y + row] = source[col, row]
            }
        }
    }

    /// How many pixels differ from `other`'s, which must have the same size.
    public func differingPixels(from other: RasterImage) -> Int {
        precondition(width == other.width && height == other.height, "images of different sizes")
        var count = 0
        for index in pixels.indices where pixels[index] != other.pixels[index] { count += 1 }
        return count
    }
}
