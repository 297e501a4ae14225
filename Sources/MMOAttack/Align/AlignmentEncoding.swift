import MMOCore

/// One agent's observation as the misalignment model reads and predicts it (`dimension` values):
/// first every coordinate of the attack surface scaled by its valid range, (x - lower) / (upper -
/// lower), so the squared error weighs features equally; then a tile summary: per 3x3 block of the
/// tile window (5 x 5 blocks for the 15 x 15 window) the count of each material, divided by 9. A
/// tile flip moves exactly two summary values by 1/9, which is what lets the model score flips.
/// A dead agent's vector is all zeros.
public struct AlignmentEncoding: Sendable {
    /// Tiles per side of a summary block.
    public static let blockSide = 3
    /// The attack surface's width: the numeric coordinates come first.
    public let numericWidth: Int
    /// The tile window's side, its tiles, and the summary blocks per side.
    public let side: Int
    public let tiles: Int
    public let blocksPerSide: Int
    /// numericWidth + blocks x Material.count.
    public let dimension: Int
    /// Per numeric coordinate: its valid range's lower end and width (the width 0 for a constant).
    let lower: [Float]
    let range: [Float]
    /// Per tile: the summary block it counts in.
    let tileBlock: [Int32]

    public init(surface: AttackSurface) {
        numericWidth = surface.width
        side = surface.features.side
        tiles = side * side
        blocksPerSide = (side + Self.blockSide - 1) / Self.blockSide
        dimension = numericWidth + blocksPerSide * blocksPerSide * Material.count
        lower = surface.lower
        range = zip(surface.lower, surface.upper).map { max($1 - $0, 0) }
        let side = side, blocksPerSide = blocksPerSide
        tileBlock = (0..<tiles).map { tile in Int32(tile / side / Self.blockSide * blocksPerSide + tile % side / Self.blockSide) }
    }

    /// Where the summary value of `material` in `block` sits in the vector.
    @inline(__always) func summaryIndex(block: Int, material: Int) -> Int { numericWidth + block * Material.count + material }

    /// Where the summary value of tile `tile`'s block for `material` sits in the vector.
    @inline(__always) func summaryIndex(tile: Int, material: Int) -> Int { summaryIndex(block: Int(tileBlock[tile]), material: material) }

    /// Writes the vector of an agent whose surface vector is `x` and tile ids `ids` into `v`.
    func encode(_ x: UnsafePointer<Float>, tiles ids: UnsafePointer<Int32>, into v: UnsafeMutablePointer<Float>) {
        for c in 0..<numericWidth { v[c] = range[c] > 0 ? (x[c] - lower[c]) / range[c] : 0 }
        (v + numericWidth).update(repeating: 0, count: dimension - numericWidth)
        let count: Float = 1 / Float(Self.blockSide * Self.blockSide)
        for tile in 0..<tiles { v[summaryIndex(tile: tile, material: TileCode.material(ids[tile]))] += count }
    }
}
