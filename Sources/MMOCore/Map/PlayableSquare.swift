extension MapRules {
    /// L-inf (Chebyshev) distance of a tile from the middle tile. Tiles at distance
    /// `playableRadius` form the spawn ring; tiles farther out are Void.
    @inline(__always)
    public func ringDistance(row: Int, col: Int) -> Int {
        max(abs(row - middle), abs(col - middle))
    }

    /// Whether a tile lies inside the playable square (rows and cols `playableMin...playableMax`).
    @inline(__always)
    public func isPlayable(row: Int, col: Int) -> Bool {
        ringDistance(row: row, col: col) <= playableRadius
    }
}
