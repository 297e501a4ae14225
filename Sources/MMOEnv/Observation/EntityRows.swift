import MMOCore

extension ObservationWriter {
    /// The nearest other entities in the window, nearest first (L-inf distance, ties by slot),
    /// one row each, unused rows zeroed; `shown` receives each row's entity slot, and
    /// `nearest[0..<found]` keeps each row's `distance << 20 | slot`. Returns the number of rows
    /// written. Rows are copies of `sharedRows` with the observer-relative columns filled in.
    func writeEntities(_ world: World, slot: Int, into out: UnsafeMutablePointer<Int16>, shown: UnsafeMutablePointer<Int32>) -> Int {
        guard entityRows > 0 else { return 0 }
        let entities = world.entities
        let row = Int(entities.row[slot])
        let col = Int(entities.col[slot])
        // Pointer loops over the cells the window overlaps, with masking shifts and wrapping
        // arithmetic (positions are small and non-negative): this runs for every agent every tick.
        let cellStart = cells.cellStart.base, positions = cells.positions.base, cellSlots = cells.slots.base
        let shift = cells.cellShift, perSide = cells.cellsPerSide
        let firstCellCol = max(col &- radius, 0) &>> shift, lastCellCol = min((col &+ radius) &>> shift, perSide &- 1)
        var cellRow = max(row &- radius, 0) &>> shift
        let lastCellRow = min((row &+ radius) &>> shift, perSide &- 1)
        var found = 0
        while cellRow <= lastCellRow {
            // Consecutive cells of a cell row are consecutive in the index: one run of entities.
            var position = Int(cellStart[cellRow &* perSide &+ firstCellCol])
            let end = Int(cellStart[cellRow &* perSide &+ lastCellCol &+ 1])
            while position < end {
                let packed = positions[position]
                let rowDistance = Int(packed &>> 16) &- row, colDistance = Int(packed & 0xFFFF) &- col
                let distance = max(rowDistance < 0 ? 0 &- rowDistance : rowDistance, colDistance < 0 ? 0 &- colDistance : colDistance)
                let other = Int(cellSlots[position])
                position &+= 1
                guard distance <= radius, other != slot else { continue }
                insertNearest(UInt32(truncatingIfNeeded: distance) &<< 20 | UInt32(truncatingIfNeeded: other), found: &found)
            }
            cellRow &+= 1
        }

        let width = SharedEntityRows.width
        let myTeam = entities.team[slot]
        let canStrike = entities.health[slot] > 0
        let reach = world.config.combat.reach
        let rowBase = Int16(truncatingIfNeeded: row), colBase = Int16(truncatingIfNeeded: col)
        for rowIndex in 0..<found {
            let key = nearest[rowIndex]
            let other = Int(key & 0xFFFFF)
            shown[rowIndex] = Int32(other)
            let target = out + rowIndex &* width
            let source = sharedRows.row(of: other, in: world)
            Self.copyEntityRow(from: source, to: target)
            target[EntityColumn.dRow.rawValue] = source[EntityColumn.row.rawValue] &- rowBase
            target[EntityColumn.dCol.rawValue] = source[EntityColumn.col.rawValue] &- colBase
            if myTeam >= 0 && entities.team[other] == myTeam {
                target[EntityColumn.sameTeam.rawValue] = 1
                target[EntityColumn.message.rawValue] = Int16(truncatingIfNeeded: entities.message[other])
            }
            let attackable = canStrike && Int(key &>> 20) <= reach && sharedRows.targetFlags[other] & SharedEntityRows.attackableByPlayers != 0
            target[EntityColumn.attackable.rawValue] = attackable ? 1 : 0
        }
        (UnsafeMutableRawPointer(out) + found &* width &* 2).initializeMemory(as: UInt64.self, repeating: 0, count: (entityRows &- found) &* width / 4)
        return found
    }

    /// Copies one 40-byte entity row as five 8-byte words (a `memcpy` call costs more than the copy).
    @inline(__always)
    private static func copyEntityRow(from source: UnsafePointer<Int16>, to target: UnsafeMutablePointer<Int16>) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        for word in 0..<SharedEntityRows.width / 4 {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self), toByteOffset: word * 8, as: UInt64.self)
        }
    }

    /// Keeps `nearest[0..<found]` as the smallest keys seen so far, sorted, at most `entityRows`.
    @inline(__always)
    private func insertNearest(_ key: UInt32, found: inout Int) {
        if found == entityRows {
            guard key < nearest[found - 1] else { return }
            found -= 1
        }
        let keys = nearest.base
        var position = found
        while position > 0 && keys[position &- 1] > key {
            keys[position] = keys[position &- 1]
            position &-= 1
        }
        keys[position] = key
        found &+= 1
    }

    /// Teammates (other members of the agent's team, in slot order): id, row, col and this tick's token.
    func writeComm(_ world: World, slot: Int, into out: UnsafeMutablePointer<Int16>) {
        let entities = world.entities
        let team = entities.team[slot]
        guard team >= 0 else { return }
        let width = CommColumn.allCases.count
        let teamSize = entities.playerCount / world.config.players.teams
        var rowIndex = 0
        for other in Int(team) * teamSize..<(Int(team) + 1) * teamSize where other != slot {
            let target = out + rowIndex * width
            target[CommColumn.id.rawValue] = Int16(truncatingIfNeeded: entities.id(ofSlot: other))
            if entities.alive[other] != 0 {
                target[CommColumn.row.rawValue] = Int16(truncatingIfNeeded: entities.row[other])
                target[CommColumn.col.rawValue] = Int16(truncatingIfNeeded: entities.col[other])
                target[CommColumn.message.rawValue] = Int16(truncatingIfNeeded: entities.message[other])
            }
            rowIndex += 1
        }
    }
}
