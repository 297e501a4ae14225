import MMOCore

/// Position, vision and territory predicates: AllMembersWithinRange, CanSeeAgent, CanSeeGroup,
/// CanSeeTile, OccupyTile, DistanceTraveled, ProgressTowardCenter, SeizeTile, SeizeCenter,
/// SeizeQuadCenter.
extension EvaluationContext {
    /// 1 when the living members' spread s (the larger of the row and column extents) is at most
    /// `distance` d, else the mean of `(M - s) / (M - d)` (M = `map.center`, the playable side - 1)
    /// and, for rows and columns, `d / max(3 x their standard deviation, d)`; 0 when d < 0 or
    /// without living members.
    func allMembersWithinRange(_ distance: Int) -> Float {
        guard distance >= 0 else { return 0 }
        var minRow = Int32.max, maxRow = Int32.min, minCol = Int32.max, maxCol = Int32.min
        var living = 0, rowSum = 0, rowSquares = 0, colSum = 0, colSquares = 0
        for member in members where isAlive(member) {
            let row = entities.row[member], col = entities.col[member]
            minRow = min(minRow, row)
            maxRow = max(maxRow, row)
            minCol = min(minCol, col)
            maxCol = max(maxCol, col)
            living += 1
            rowSum += Int(row)
            rowSquares += Int(row) * Int(row)
            colSum += Int(col)
            colSquares += Int(col) * Int(col)
        }
        guard living > 0 else { return 0 }
        let spread = Int(max(maxRow - minRow, maxCol - minCol))
        guard spread > distance else { return 1 }
        let spreadScore = map.center > distance ? Float(map.center - spread) / Float(map.center - distance) : 0
        return PredicateEvaluator.clip(
            (spreadScore + deviationScore(rowSum, rowSquares, living, distance) + deviationScore(colSum, colSquares, living, distance)) / 3)
    }

    /// `d / max(3 x standard deviation, d)` for values with this sum and sum of squares.
    private func deviationScore(_ sum: Int, _ squares: Int, _ count: Int, _ distance: Int) -> Float {
        let mean = Double(sum) / Double(count)
        let deviation = (max(Double(squares) / Double(count) - mean * mean, 0)).squareRoot()
        let bound = max(3 * deviation, Double(distance))
        return bound > 0 ? Float(Double(distance) / bound) : 1
    }

    /// 1 when a target player is alive and within a living member's vision radius, else 0.
    func canSeeAny(_ targets: UnsafeBufferPointer<Int32>) -> Float {
        for target in targets where isAlive(Int(target)) {
            for member in members where isAlive(member) && world.distance(member, Int(target)) <= visionRadius { return 1 }
        }
        return 0
    }

    /// 1 when material `tileType` lies in a living member's vision window, else 0.
    func canSeeTile(_ tileType: Int) -> Float {
        guard tileType >= 0, tileType < Material.count else { return 0 }
        let material = UInt8(tileType)
        let size = world.size
        let materials = world.tiles.materials
        for member in members where isAlive(member) {
            let row = Int(entities.row[member]), col = Int(entities.col[member])
            let top = row - visionRadius, bottom = row + visionRadius, left = col - visionRadius, right = col + visionRadius
            if top >= 0 && bottom < size && left >= 0 && left + 16 <= size && 2 * visionRadius + 1 <= 16 {
                if windowHolds(material, materials, top...bottom, left, 2 * visionRadius + 1) { return 1 }
                continue
            }
            // Off-map tiles read as Void, as in the observation.
            if material == Material.void.rawValue && (top < 0 || left < 0 || bottom >= size || right >= size) { return 1 }
            for windowRow in max(top, 0)...min(bottom, size - 1) {
                let base = windowRow * size
                for windowCol in max(left, 0)...min(right, size - 1) where materials[base + windowCol] == material { return 1 }
            }
        }
        return 0
    }

    /// Whether `material` is among the first `width` (at most 16) bytes from column `left` of the
    /// map rows `rows`, comparing 16 bytes per row at once.
    @inline(__always)
    private func windowHolds(_ material: UInt8, _ materials: FixedArray<UInt8>, _ rows: ClosedRange<Int>, _ left: Int, _ width: Int) -> Bool {
        let wanted = SIMD16<UInt8>(repeating: material)
        let indices = SIMD16<UInt8>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        let lanes = SIMD16<UInt8>().replacing(with: .max, where: indices .< SIMD16<UInt8>(repeating: UInt8(width)))
        let size = world.size
        var hits = SIMD16<UInt8>()
        for row in rows {
            let bytes = UnsafeRawPointer(materials.base + row * size + left).loadUnaligned(as: SIMD16<UInt8>.self)
            hits |= SIMD16<UInt8>().replacing(with: .max, where: bytes .== wanted)
        }
        // Two 64-bit halves instead of a lane-by-lane reduction.
        let words = unsafeBitCast(hits & lanes, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    /// 1 when a living member stands on (`row`, `col`), else 0.
    func occupyTile(_ row: Int, _ col: Int) -> Float {
        for member in members where isAlive(member) && Int(entities.row[member]) == row && Int(entities.col[member]) == col {
            return 1
        }
        return 0
    }

    /// Sum of the living members' farthest distances from spawn / `distance`; 0 without living members.
    func distanceTraveled(_ distance: Int) -> Float {
        var total = 0, living = 0
        for member in members where isAlive(member) && member < counters.players {
            total += counters.farthestDistance(slot: member)
            living += 1
        }
        return living > 0 ? PredicateEvaluator.ratio(total, distance) : 0
    }

    /// `1 - d / R` for the living members' smallest distance d to the middle tile.
    func progressTowardCenter() -> Float {
        guard let distance = nearestDistance(map.middle, map.middle) else { return 0 }
        return 1 - PredicateEvaluator.ratio(distance, map.playableRadius)
    }

    /// The seize progress of tile (`row`, `col`): bonuses are in hundredths.
    func seize(_ row: Int, _ col: Int, _ numTicks: Int, _ progressBonus: Int, _ seizeBonus: Int) -> Float {
        guard let distance = nearestDistance(row, col) else { return 0 }
        let approach = Float(progressBonus) / 100
        let taken = Float(progressBonus + seizeBonus) / 100
        if let control = counters.control(row: row, col: col), controls(side: control.side) {
            return PredicateEvaluator.clip(taken + (1 - taken) * PredicateEvaluator.ratio(tick - control.since, numTicks))
        }
        return PredicateEvaluator.clip(approach * (1 - PredicateEvaluator.ratio(distance, map.playableRadius)))
    }

    /// The smallest L-inf distance of a living member to (`row`, `col`), or `nil` without living members.
    private func nearestDistance(_ row: Int, _ col: Int) -> Int? {
        var nearest: Int?
        for member in members where isAlive(member) {
            let distance = max(abs(Int(entities.row[member]) - row), abs(Int(entities.col[member]) - col))
            nearest = min(nearest ?? distance, distance)
        }
        return nearest
    }

    /// Whether a living member belongs to `side` (see `ProgressCounters.control(row:col:)`).
    private func controls(side: Int) -> Bool {
        for member in members where isAlive(member) && Int(ProgressCounters.side(slot: Int32(member), team: entities.team[member], players: Int32(playerCount))) == side { return true }
        return false
    }
}
