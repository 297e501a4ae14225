/// Chooses every living NPC's move and attack for this tick (written into `World.intents`).
///
/// - Passive NPCs wander: a uniformly random move (or staying put).
/// - Neutral NPCs wander until a player hits them; they then pursue that attacker while it lives
///   within `npcs.sightRange` (L-inf), and forget it otherwise.
/// - Hostile NPCs pursue the nearest living player within `npcs.sightRange` (ties: lower slot).
///
/// A pursuer attacks in its style when the target is within `combat.reach` and otherwise steps
/// along a shortest path (breadth-first search over passable tiles of its sight window, moves in
/// N, S, E, W order), or stays if the target cannot be reached inside the window.
enum NPCBehaviour {
    static func run(in world: World) {
        let entities = world.entities
        let intents = world.intents
        let sight = world.config.npcs.sightRange
        var rng = world.npcRng
        countPlayersByCell(world)
        for npc in entities.playerCount..<entities.capacity where entities.alive[npc] != 0 {
            var target = -1
            switch entities.kind[npc] {
            case .hostileNPC:
                if anyPlayerNear(world, npc, within: sight) { target = nearestPlayer(world, to: npc, within: sight) }
            case .neutralNPC:
                let attacker = Int(entities.lastAttacker[npc])
                if attacker >= 0, attacker < entities.playerCount, entities.alive[attacker] != 0, world.distance(npc, attacker) <= sight {
                    target = attacker
                }
            default:
                break
            }
            entities.npcTarget[npc] = Int32(target)
            guard target >= 0 else {
                intents.move[npc] = UInt8(rng.below(Direction.count))
                continue
            }
            if world.canAttack(npc, target) {
                intents.attackTarget[npc] = Int32(target)
                intents.attackStyle[npc] = UInt8(entities.npcStyle[npc])
            } else {
                intents.move[npc] = firstStep(world, from: npc, to: target).rawValue
            }
        }
        world.npcRng = rng
    }

    /// Counts the living players of each cell of `WorldScratch.playerCells`.
    private static func countPlayersByCell(_ world: World) {
        let scratch = world.scratch, entities = world.entities
        let shift = WorldScratch.playerCellShift
        scratch.playerCells.fill(0)
        for player in 0..<entities.playerCount where entities.alive[player] != 0 {
            scratch.playerCells[(Int(entities.row[player]) >> shift) * scratch.playerCellsPerSide + (Int(entities.col[player]) >> shift)] += 1
        }
    }

    /// Whether any living player is in a cell overlapping the square within `range` of `npc`: when
    /// not, `nearestPlayer` would find none, and its tile-by-tile search is skipped.
    private static func anyPlayerNear(_ world: World, _ npc: Int, within range: Int) -> Bool {
        let scratch = world.scratch, entities = world.entities
        let shift = WorldScratch.playerCellShift, last = scratch.playerCellsPerSide - 1
        let row = Int(entities.row[npc]), col = Int(entities.col[npc])
        for cellRow in (max(row - range, 0) >> shift)...min((row + range) >> shift, last) {
            for cellCol in (max(col - range, 0) >> shift)...min((col + range) >> shift, last)
            where scratch.playerCells[cellRow * scratch.playerCellsPerSide + cellCol] > 0 {
                return true
            }
        }
        return false
    }

    /// The nearest living player within `range` (L-inf) of `npc`, or -1: the tile occupancy lists
    /// are read ring by ring outwards, so the search stops at the first ring holding a player and
    /// never looks at entities elsewhere on the map. Ties on a ring go to the lowest slot.
    private static func nearestPlayer(_ world: World, to npc: Int, within range: Int) -> Int {
        let entities = world.entities
        let tiles = world.tiles
        let row = Int(entities.row[npc]), col = Int(entities.col[npc])
        for distance in 0...range {
            var best = Int.max
            func visit(_ r: Int, _ c: Int) {
                guard r >= 0, c >= 0, r < tiles.size, c < tiles.size else { return }
                var slot = tiles.occupant[r * tiles.size + c]
                while slot >= 0 {
                    if Int(slot) < entities.playerCount && entities.alive[Int(slot)] != 0 { best = min(best, Int(slot)) }
                    slot = entities.nextOnTile[Int(slot)]
                }
            }
            if distance == 0 {
                visit(row, col)
            } else {
                for c in (col - distance)...(col + distance) {
                    visit(row - distance, c)
                    visit(row + distance, c)
                }
                for r in (row - distance + 1)..<(row + distance) {
                    visit(r, col - distance)
                    visit(r, col + distance)
                }
            }
            if best != Int.max { return best }
        }
        return -1
    }

    /// The first move of a shortest path from `npc` to `target`'s tile inside the sight window.
    static func firstStep(_ world: World, from npc: Int, to target: Int) -> Direction {
        let entities = world.entities
        let tiles = world.tiles
        let radius = world.config.npcs.sightRange
        let side = 2 * radius + 1
        let originRow = Int(entities.row[npc]) - radius
        let originCol = Int(entities.col[npc]) - radius
        let goalRow = Int(entities.row[target]) - originRow
        let goalCol = Int(entities.col[target]) - originCol
        guard goalRow >= 0, goalRow < side, goalCol >= 0, goalCol < side else { return .stay }
        let firstStep = world.scratch.searchFirstStep
        let queue = world.scratch.searchQueue
        firstStep.fill(-1)
        let start = radius * side + radius
        firstStep[start] = Int8(Direction.stay.rawValue)
        queue[0] = Int32(start)
        var head = 0, tail = 1
        while head < tail {
            let cell = Int(queue[head])
            head += 1
            let row = cell / side, col = cell % side
            if row == goalRow && col == goalCol { return Direction(rawValue: UInt8(firstStep[cell]))! }
            for move in 0..<4 {
                let direction = Direction(rawValue: UInt8(move))!
                let nextRow = row + direction.rowDelta, nextCol = col + direction.colDelta
                guard nextRow >= 0, nextRow < side, nextCol >= 0, nextCol < side else { continue }
                let next = nextRow * side + nextCol
                guard firstStep[next] < 0, tiles.isPassable(row: originRow + nextRow, col: originCol + nextCol) else { continue }
                firstStep[next] = cell == start ? Int8(move) : firstStep[cell]
                queue[tail] = Int32(next)
                tail += 1
            }
        }
        return .stay
    }
}
