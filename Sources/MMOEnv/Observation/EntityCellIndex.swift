import MMOCore

/// Living entities bucketed by coarse square cells of the map, rebuilt once per tick, so that
/// "who is inside this agent's vision window" visits only the few cells the window overlaps
/// instead of every tile of the window.
///
/// The rebuild is a counting sort of the living entities by cell (slot order within a cell) into
/// preallocated arrays: no allocation, cost linear in entities plus cells.
final class EntityCellIndex {
    /// Cells are `1 << cellShift` tiles on a side.
    let cellShift: Int
    let cellsPerSide: Int
    /// Entities of cell `c` are `slots[cellStart[c]..<cellStart[c + 1]]`.
    let cellStart: FixedArray<Int32>
    let slots: FixedArray<Int32>
    /// The position of `slots[i]` as `row << 16 | col`, beside it so that a search reads one array.
    let positions: FixedArray<UInt32>
    private let cellOfSlot: FixedArray<Int32>

    init(mapSize: Int, capacity: Int, cellShift: Int = 3) {
        self.cellShift = cellShift
        cellsPerSide = (mapSize + (1 << cellShift) - 1) >> cellShift
        cellStart = FixedArray(repeating: 0, count: cellsPerSide * cellsPerSide + 1)
        slots = FixedArray(repeating: 0, count: capacity)
        positions = FixedArray(repeating: 0, count: capacity)
        cellOfSlot = FixedArray(repeating: -1, count: capacity)
    }

    deinit {
        cellStart.deallocate()
        slots.deallocate()
        positions.deallocate()
        cellOfSlot.deallocate()
    }

    /// Re-buckets the living entities of `entities` (wrapping arithmetic: counts are small).
    func rebuild(_ entities: EntityTable) {
        let starts = cellStart.base, cellOf = cellOfSlot.base
        cellStart.fill(0)
        var living: Int32 = 0
        for slot in 0..<entities.capacity {
            guard entities.alive[slot] != 0 else {
                cellOf[slot] = -1
                continue
            }
            let cell = (Int(entities.row[slot]) &>> cellShift) &* cellsPerSide &+ (Int(entities.col[slot]) &>> cellShift)
            cellOf[slot] = Int32(truncatingIfNeeded: cell)
            starts[cell &+ 1] &+= 1
            living &+= 1
        }
        let cells = cellsPerSide &* cellsPerSide
        var total: Int32 = 0
        for cell in 1...cells {
            total &+= starts[cell]
            starts[cell] = total
        }
        // Now starts[c + 1] is the end of cell c. Placing entities from the back, decrementing
        // their cell's end, keeps slot order within each cell and leaves starts[c + 1] at the
        // start of cell c.
        var slot = entities.capacity &- 1
        while slot >= 0 {
            let cell = Int(cellOf[slot])
            if cell >= 0 {
                let position = Int(starts[cell &+ 1] &- 1)
                starts[cell &+ 1] = Int32(truncatingIfNeeded: position)
                slots[position] = Int32(truncatingIfNeeded: slot)
                positions[position] = UInt32(truncatingIfNeeded: entities.row[slot]) &<< 16 | UInt32(truncatingIfNeeded: entities.col[slot])
            }
            slot &-= 1
        }
        starts.update(from: starts + 1, count: cells)
        starts[cells] = living
    }
}
