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
    /// Entity slots seen in the window, in scan order, and their L-inf distances.
    private let candidates: FixedArray<Int32>
    private let candidateDistances: FixedArray<Int32>
    /// Candidates reordered by distance (stable), and a per-distance counter for that sort.
    private let nearest: FixedArray<Int32>
    private let distanceStarts: FixedArray<Int32>

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
        let capacity = config.players.count + config.npcs.count
        candidates = FixedArray(repeating: 0, count: capacity)
        candidateDistances = FixedArray(repeating: 0, count: capacity)
        nearest = FixedArray(repeating: 0, count: capacity)
        distanceStarts = FixedArray(repeating: 0, count: radius + 2)
    }

    deinit {
        candidates.deallocate()
        candidateDistances.deallocate()
        nearest.deallocate()
        distanceStarts.deallocate()
    }

    /// Writes records for all players of `world` starting at `observations` (one record of
    /// `layout.bytesPerAgent` bytes per player slot) and mask rows starting at `masks`.
    func write(_ world: World, observations: UnsafeMutableRawPointer, masks: UnsafeMutablePointer<UInt8>) {
        let stride = layout.bytesPerAgent
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
        if row >= radius, col >= radius, row + radius < size, col + radius < size {
            var source = materials + (row - radius) * size + (col - radius)
            var target = out
            for _ in 0..<side {
                target.update(from: source, count: side)
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

    /// The nearest other entities in the window, nearest first (L-inf distance; ties keep scan
    /// order: row-major from the window's top-left), one row each, unused rows left zero.
    private func writeEntities(_ world: World, slot: Int, into out: UnsafeMutablePointer<Int16>) {
        guard entityRows > 0 else { return }
        let entities = world.entities
        let size = world.size
        let row = Int(entities.row[slot])
        let col = Int(entities.col[slot])
        let occupant = world.tiles.occupant.base
        let links = entities.nextOnTile.base
        var found = 0
        for r in max(row - radius, 0)...min(row + radius, size - 1) {
            let rowDistance = abs(r - row)
            let base = occupant + r * size
            for c in max(col - radius, 0)...min(col + radius, size - 1) {
                var other = base[c]
                while other >= 0 {
                    if Int(other) != slot {
                        candidates[found] = other
                        candidateDistances[found] = Int32(max(rowDistance, abs(c - col)))
                        found += 1
                    }
                    other = links[Int(other)]
                }
            }
        }
        guard found > 0 else { return }

        // Stable counting sort by distance (0...radius).
        distanceStarts.fill(0)
        for index in 0..<found { distanceStarts[Int(candidateDistances[index]) + 1] += 1 }
        for distance in 0...radius { distanceStarts[distance + 1] += distanceStarts[distance] }
        for index in 0..<found {
            let distance = Int(candidateDistances[index])
            nearest[Int(distanceStarts[distance])] = candidates[index]
            distanceStarts[distance] += 1
        }

        let width = ObservationLayout.entityColumns.count
        let myTeam = entities.team[slot]
        for rowIndex in 0..<min(found, entityRows) {
            let other = Int(nearest[rowIndex])
            let target = out + rowIndex * width
            let otherRow = Int(entities.row[other])
            let otherCol = Int(entities.col[other])
            target[0] = Int16(truncatingIfNeeded: entities.id(ofSlot: other))
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

    /// Move is legal towards passable tiles; staying is always legal.
    private func writeMoveMask(_ world: World, slot: Int, into mask: UnsafeMutablePointer<UInt8>) {
        let row = Int(world.entities.row[slot])
        let col = Int(world.entities.col[slot])
        for direction in Direction.allCases {
            let legal = direction == .stay || world.tiles.isPassable(row: row + direction.rowDelta, col: col + direction.colDelta)
            mask[Int(direction.rawValue)] = legal ? 1 : 0
        }
    }
}
