/// Applies each living entity's move, in slot order (players, then NPCs): a step onto a passable
/// tile is taken, any other move leaves the entity in place. Entities may share tiles. A player that
/// gets farther (L-inf) from its spawn tile than ever before logs GO_FARTHEST with the new distance.
enum Movement {
    static func run(in world: World) {
        let entities = world.entities
        let tiles = world.tiles
        for slot in 0..<entities.capacity where entities.canAct(slot) {
            guard let direction = Direction(rawValue: world.moves[slot]), direction != .stay else { continue }
            let row = Int(entities.row[slot])
            let col = Int(entities.col[slot])
            let newRow = row + direction.rowDelta
            let newCol = col + direction.colDelta
            // A standing player is inside the playable square, so its neighbours are on the map.
            guard tiles.passable[tiles.index(row: newRow, col: newCol)] != 0 else { continue }
            tiles.removeOccupant(slot, at: tiles.index(row: row, col: col), links: entities.nextOnTile)
            tiles.addOccupant(slot, at: tiles.index(row: newRow, col: newCol), links: entities.nextOnTile)
            entities.row[slot] = Int32(newRow)
            entities.col[slot] = Int32(newCol)
            guard !entities.isNPC(slot) else { continue }
            let distance = max(abs(newRow - Int(entities.spawnRow[slot])), abs(newCol - Int(entities.spawnCol[slot])))
            if distance > entities.farthest[slot] {
                entities.farthest[slot] = Int32(distance)
                world.record(.goFarthest, slot: slot, number: Int32(distance))
            }
        }
    }
}
