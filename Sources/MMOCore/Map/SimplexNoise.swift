/// Two-dimensional simplex noise: a smooth pseudo-random field over the plane with values in
/// about [-1, 1] and features roughly one unit across.
///
/// The plane is skewed onto a grid of squares, each split into two triangles; a point's value is
/// the sum of the three surrounding corners' contributions, each a gradient (one of 12 fixed
/// directions, picked by hashing the corner through a permutation table) dotted with the offset
/// from the corner and faded out with distance (Perlin's simplex scheme as described by
/// Gustavson). The 256-entry permutation is shuffled with an `Rng`, so the whole field is a pure
/// function of that generator's state.
public struct SimplexNoise: Sendable {
    /// Skews input coordinates onto the square grid: F2 = (sqrt(3) - 1) / 2.
    private static let skew = 0.366_025_403_784_438_6
    /// Unskews grid coordinates back to the plane: G2 = (3 - sqrt(3)) / 6.
    private static let unskew = 0.211_324_865_405_187_13
    /// Scales the sum of the three corner contributions to about [-1, 1].
    private static let outputScale = 70.0
    /// The 12 gradient directions (the edge midpoints of a cube, projected onto the plane).
    private static let gradientX: [Double] = [1, -1, 1, -1, 1, -1, 1, -1, 0, 0, 0, 0]
    private static let gradientY: [Double] = [1, 1, -1, -1, 0, 0, 0, 0, 1, -1, 1, -1]

    /// The shuffled permutation of 0...255 written twice, so `i + permutation[j]` never wraps.
    private let permutation: [Int]
    /// The gradient (one of the 12 directions) chosen by each entry of `permutation`.
    private let gradientXOfHash: [Double]
    private let gradientYOfHash: [Double]

    /// A noise field whose permutation table is a Fisher-Yates shuffle drawn from `rng`.
    public init(rng: inout Rng) {
        var table = Array(0..<256)
        rng.shuffle(&table)
        permutation = table + table
        gradientXOfHash = permutation.map { Self.gradientX[$0 % 12] }
        gradientYOfHash = permutation.map { Self.gradientY[$0 % 12] }
    }

    /// The noise value at the point (x, y), in about [-1, 1].
    public func value(x: Double, y: Double) -> Double {
        let skewed = (x + y) * Self.skew
        let cellX = (x + skewed).rounded(.down)
        let cellY = (y + skewed).rounded(.down)
        let unskewed = (cellX + cellY) * Self.unskew
        // Offsets from the cell's origin corner.
        let x0 = x - (cellX - unskewed)
        let y0 = y - (cellY - unskewed)
        // The lower triangle (x0 > y0) steps along x first, the upper one along y.
        let stepX = x0 > y0 ? 1 : 0
        let stepY = 1 - stepX
        let x1 = x0 - Double(stepX) + Self.unskew
        let y1 = y0 - Double(stepY) + Self.unskew
        let x2 = x0 - 1 + 2 * Self.unskew
        let y2 = y0 - 1 + 2 * Self.unskew

        let i = Int(cellX) & 255
        let j = Int(cellY) & 255
        let hash0 = i + permutation[j]
        let hash1 = i + stepX + permutation[j + stepY]
        let hash2 = i + 1 + permutation[j + 1]

        let sum = cornerContribution(hash0, x0, y0)
            + cornerContribution(hash1, x1, y1)
            + cornerContribution(hash2, x2, y2)
        return Self.outputScale * sum
    }

    /// One corner's share: the gradient picked by `hash` dotted with the offset from the corner,
    /// faded by (0.5 - r^2)^4.
    @inline(__always)
    private func cornerContribution(_ hash: Int, _ dx: Double, _ dy: Double) -> Double {
        let falloff = 0.5 - dx * dx - dy * dy
        guard falloff > 0 else { return 0 }
        let squared = falloff * falloff
        return squared * squared * (gradientXOfHash[hash] * dx + gradientYOfHash[hash] * dy)
    }
}
