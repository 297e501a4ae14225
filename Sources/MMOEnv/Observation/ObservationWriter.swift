import MMOCore

/// Writes every agent's observation record and action masks for one environment.
///
/// Owns the scratch space of the nearest-entity search, allocated once, so writing allocates
/// nothing. One writer per environment; writers of different environments run on different
/// threads.
final class ObservationWriter {
    let layout: ObservationLayout
    let actions: ActionLayout
    private let radius: Int
    private let entityRows: Int
    private let tickOffset: Int
    private let selfOffset: Int
    private let tilesOffset: Int
    private let entitiesOffset: Int
    private let moveMaskOffset: Int
    /// Living entities by map cell, rebuilt before each write.
    private let cells: EntityCellIndex
    /// The nearest entities found so far for one agent, as sorted keys `distance << 20 | slot`.
    private let nearest: FixedArray<UInt32>

    init(config: Config, layout: ObservationLayout, actions: ActionLayout) {
        self.layout = layout
        self.actions = actions
        radius = config.observation.visionRadius
        entityRows = config.observation.entities
        tickOffset = layout.segment(named: "tick")!.offset
        selfOffset = layout.segment(named: "self")!.offset
        tilesOffset = layout.segment(named: "tiles")!.offset
        entitiesOffset = layout.segment(named: "entities")!.offset
        moveMaskOffset = actions.heads[actions.headIndex(named: "move")!].maskOffset
        cells = EntityCellIndex(mapSize: config.map.size, capacity: config.players.count + config.npcs.count)
        nearest = FixedArray(repeating: 0, count: max(entityRows, 1))
    }

    deinit {
        nearest.deallocate()
    }

    /// Writes records for all players of `world` starting at `observations` (one record of
    /// `layout.bytesPerAgent` bytes per player slot) and mask rows starting at `masks`.
    func write(_ world: World, observations: UnsafeMutableRawPointer, masks: UnsafeMutablePointer<UInt8>) {
        let stride = layout.bytesPerAgent
        cells.rebuild(world.entities)
        for slot in 0..<world.entities.playerCount {
            let record = observations + slot * stride
            let maskRow = masks + slot * actions.maskWidth
            record.initializeMemory(as: UInt8.self, repeating: 0, count: stride)
            maskRow.initialize(repeating: 0, count: actions.maskWidth)
            record.storeBytes(of: Int32(world.tick), toByteOffset: tickOffset, as: Int32.self)
            writeSelf(world, slot: slot, into: record + selfOffset)
            guard world.entities.alive[slot] != 0 else {
                maskRow[moveMaskOffset + Int(Direction.stay.rawValue)] = 1
                continue
            }
            writeTiles(world, slot: slot, into: (record + tilesOffset).assumingMemoryBound(to: UInt8.self))
            writeEntities(world, slot: slot, into: (record + entitiesOffset).assumingMemoryBound(to: Int16.self))
            writeMoveMask(world, slot: slot, into: maskRow + moveMaskOffset)
        }
    }

    private func writeSelf(_ world: World, slot: Int, into raw: UnsafeMutableRawPointer) {
        let entities = world.entities
        let out = raw.assumingMemoryBound(to: Int16.self)
        out[0] = Int16(truncatingIfNeeded: entities.id(ofSlot: slot))
        out[1] = Int16(entities.alive[slot])
        guard entities.alive[slot] != 0 else { return }
        out[2] = Int16(truncatingIfNeeded: entities.row[slot])
        out[3] = Int16(truncatingIfNeeded: entities.col[slot])
        out[4] = Int16(truncatingIfNeeded: entities.health[slot])
        out[5] = Int16(truncatingIfNeeded: entities.food[slot])
        out[6] = Int16(truncatingIfNeeded: entities.water[slot])
        out[7] = Int16(truncatingIfNeeded: entities.team[slot])
        out[8] = Int16(truncatingIfNeeded: world.tick - Int(entities.spawnTick[slot]))
        out[9] = Int16(truncatingIfNeeded: entities.farthest[slot])
    }

    /// The (2r+1)^2 material window centred on the agent, row-major; tiles off the map read as Void.
    private func writeTiles(_ world: World, slot: Int, into out: UnsafeMutablePointer<UInt8>) {
        let size = world.size
        let row = Int(world.entities.row[slot])
        let col = Int(world.entities.col[slot])
        let side = 2 * radius + 1
        let materials = world.tiles.materials.base
        if row >= radius, col >= radius, row + radius < size, col + radius < size, side >= 8 {
            // Each window row is copied as 8-byte words, the last one overlapping its neighbour.
            var source = UnsafeRawPointer(materials + (row - radius) * size + (col - radius))
            var target = UnsafeMutableRawPointer(out)
            for _ in 0..<side {
                var offset = 0
                while offset + 8 < side {
                    target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
                    offset += 8
                }
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: side - 8, as: UInt64.self), toByteOffset: side - 8, as: UInt64.self)
                source += size
                target += side
            }
            return
        }
        for dr in -radius...radius {
            for dc in -radius...radius {
                let r = row + dr
                let c = col + dc
                let inside = r >= 0 && c >= 0 && r < size && c < size
                out[(dr + radius) * side + dc + radius] = inside ? materials[r * size + c] : Material.void.rawValue
            }
        }
    }

    /// The nearest other entities in the window, nearest first (L-inf distance, ties by slot),
    /// one row each, unused rows left zero.
    private func writeEntities(_ world: World, slot: Int, into out: UnsafeMutablePointer<Int16>) {
        guard entityRows > 0 else { return }
        let entities = world.entities
        let row = Int(entities.row[slot])
        let col = Int(entities.col[slot])
        var found = 0
        for cellRow in cells.cells(covering: row - radius, row + radius) {
            for cellCol in cells.cells(covering: col - radius, col + radius) {
                let cell = cellRow * cells.cellsPerSide + cellCol
                for position in Int(cells.cellStart[cell])..<Int(cells.cellStart[cell + 1]) {
                    let other = Int(cells.slots[position])
                    let distance = max(abs(Int(entities.row[other]) - row), abs(Int(entities.col[other]) - col))
                    guard distance <= radius, other != slot else { continue }
                    insertNearest(UInt32(distance) << 20 | UInt32(other), found: &found)
                }
            }
        }

        let width = ObservationLayout.entityColumns.count
        let myTeam = entities.team[slot]
        let playerCount = entities.playerCount
        for rowIndex in 0..<found {
            let other = Int(nearest[rowIndex] & 0xFFFFF)
            let target = out + rowIndex * width
            let otherRow = Int(entities.row[other])
            let otherCol = Int(entities.col[other])
            let id = other < playerCount ? other + 1 : playerCount - other - 1
            target[0] = Int16(truncatingIfNeeded: id)
            target[1] = Int16(entities.kind[other].rawValue)
            target[2] = Int16(truncatingIfNeeded: otherRow)
            target[3] = Int16(truncatingIfNeeded: otherCol)
            target[4] = Int16(truncatingIfNeeded: otherRow - row)
            target[5] = Int16(truncatingIfNeeded: otherCol - col)
            target[6] = Int16(truncatingIfNeeded: entities.health[other])
            target[7] = Int16(truncatingIfNeeded: entities.food[other])
            target[8] = Int16(truncatingIfNeeded: entities.water[other])
            target[9] = Int16(truncatingIfNeeded: entities.team[other])
            target[10] = (myTeam >= 0 && entities.team[other] == myTeam) ? 1 : 0
        }
    }

    /// Keeps `nearest[0..<found]` as the smallest keys seen so far, sorted, at most `entityRows`.
    @inline(__always)
    private func insertNearest(_ key: UInt32, found: inout Int) {
        if found == entityRows {
            guard key < nearest[found - 1] else { return }
            found -= 1
        }
        var position = found
        while position > 0 && nearest[position - 1] > key {
            nearest[position] = nearest[position - 1]
            position -= 1
        }
        nearest[position] = key
        found += 1
    }

    /// Move is legal towards passable tiles; staying is always legal. A living agent stands inside
    /// the playable square, so its four neighbours are on the map.
    private func writeMoveMask(_ world: World, slot: Int, into mask: UnsafeMutablePointer<UInt8>) {
        let size = world.size
        let here = Int(world.entities.row[slot]) * size + Int(world.entities.col[slot])
        let passable = world.tiles.passable
        mask[Int(Direction.north.rawValue)] = passable[here - size]
        mask[Int(Direction.south.rawValue)] = passable[here + size]
        mask[Int(Direction.east.rawValue)] = passable[here + 1]
        mask[Int(Direction.west.rawValue)] = passable[here - 1]
        mask[Int(Direction.stay.rawValue)] = 1
    }
}
