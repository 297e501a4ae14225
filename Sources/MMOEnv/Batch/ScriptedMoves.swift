import MMOCore

/// Movement helpers of the scripted policies (`ForagerPolicy`, `CombatPolicy`), reading only an
/// agent's `tiles` window and its `move` mask. Offsets are (row, col) from the window centre, where
/// the agent stands; distances are Manhattan.
enum ScriptedMoves {
    /// A set of materials as bits (`1 << raw value`), for `nearest`.
    typealias MaterialSet = UInt32

    /// The set holding `materials`.
    static func set(_ materials: Material...) -> MaterialSet {
        materials.reduce(0) { $0 | 1 << MaterialSet($1.rawValue) }
    }

    /// The forager's step: an agent whose water is below `threshold` and not above its food heads
    /// for the nearest Water in sight (to stand next to it), else one whose food is below
    /// `threshold` for the nearest Foilage (to stand on it); greedy steps. `nil` when neither is
    /// low, none is in sight, or no legal move gets closer.
    @inline(__always)
    static func forageStep(food: Int16, water: Int16, threshold: Int16, tiles: UnsafePointer<UInt8>, side: Int, mask: UnsafePointer<UInt8>) -> Direction? {
        let wanted: Material
        if water < threshold && water <= food {
            wanted = .water
        } else if food < threshold {
            wanted = .foilage
        } else {
            return nil
        }
        guard let goal = nearest(1 << MaterialSet(wanted.rawValue), in: tiles, side: side) else { return nil }
        return greedyStep(toward: (goal.row, goal.col), stopAt: wanted == .water ? 1 : 0, mask: mask)
    }

    /// Offset of the nearest tile of the window whose material is in `materials`, and that
    /// material; the first in row-major order on ties. `nil` when none is in sight. Searches
    /// outwards diamond by diamond (rows top to bottom, west before east), so it stops at the
    /// first hit instead of reading the whole window.
    @inline(__always)
    static func nearest(_ materials: MaterialSet, in tiles: UnsafePointer<UInt8>, side: Int) -> (row: Int, col: Int, material: UInt8)? {
        let radius = side / 2
        let centre = tiles + radius * side + radius
        @inline(__always) func wanted(_ material: UInt8) -> Bool { materials & (1 << MaterialSet(material & 31)) != 0 }
        if wanted(centre[0]) { return (0, 0, centre[0]) }
        for distance in 1...max(2 * radius, 1) {
            for row in max(-distance, -radius)...min(distance, radius) {
                let rest = distance - abs(row)
                guard rest <= radius else { continue }
                let line = centre + row * side
                if wanted(line[-rest]) { return (row, -rest, line[-rest]) }
                if rest != 0 && wanted(line[rest]) { return (row, rest, line[rest]) }
            }
        }
        return nil
    }

    /// The legal move that most shortens the distance to `goal`, or `.stay` once within `stopAt`;
    /// `nil` when no legal move gets closer. Ties go to the first in N, S, E, W order.
    @inline(__always)
    static func greedyStep(toward goal: (Int, Int), stopAt: Int, mask: UnsafePointer<UInt8>) -> Direction? {
        let current = abs(goal.0) + abs(goal.1)
        if current <= stopAt { return .stay }
        var best: Direction?
        var bestDistance = current
        for direction in Direction.allCases where direction != .stay && mask[Int(direction.rawValue)] != 0 {
            let distance = abs(goal.0 - direction.rowDelta) + abs(goal.1 - direction.colDelta)
            if distance < bestDistance {
                bestDistance = distance
                best = direction
            }
        }
        return best
    }

    /// The legal move that most lengthens the distance from `threat`; `nil` when none does.
    /// Ties go to the first in N, S, E, W order.
    @inline(__always)
    static func stepAway(from threat: (Int, Int), mask: UnsafePointer<UInt8>) -> Direction? {
        var best: Direction?
        var bestDistance = abs(threat.0) + abs(threat.1)
        for direction in Direction.allCases where direction != .stay && mask[Int(direction.rawValue)] != 0 {
            let distance = abs(threat.0 - direction.rowDelta) + abs(threat.1 - direction.colDelta)
            if distance > bestDistance {
                bestDistance = distance
                best = direction
            }
        }
        return best
    }
}
