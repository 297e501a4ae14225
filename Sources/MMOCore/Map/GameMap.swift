/// A map as generated or loaded: `size` x `size` material bytes, row-major (`row * size + col`).
///
/// Immutable once made; every environment that plays on it copies the bytes into its own live
/// tile layer at reset, so one `GameMap` can be shared by many environments and threads.
public struct GameMap: Sendable, Equatable {
    /// Side of the square map in tiles.
    public let size: Int
    /// Material raw values (`Material.rawValue`), `size * size` of them.
    public let materials: [UInt8]

    /// Wraps material bytes; the caller guarantees `materials.count == size * size` and every byte
    /// is below `Material.count` (`MapFile` checks this for files).
    public init(size: Int, materials: [UInt8]) {
        precondition(materials.count == size * size, "GameMap needs size * size materials")
        self.size = size
        self.materials = materials
    }

    /// The material at a tile.
    public subscript(row: Int, col: Int) -> Material {
        Material(rawValue: materials[row * size + col])!
    }

    /// How many tiles hold each material, indexed by raw value.
    public var materialCounts: [Int] {
        var counts = [Int](repeating: 0, count: Material.count)
        for byte in materials { counts[Int(byte)] += 1 }
        return counts
    }
}
