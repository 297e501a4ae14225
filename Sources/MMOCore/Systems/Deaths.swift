/// Removes players whose health reached 0: they leave their tile's occupancy list, keep their slot
/// flagged dead with their death tick, and log DEATH with the cause of their last damage.
enum Deaths {
    static func run(in world: World) {
        let entities = world.entities
        let tiles = world.tiles
        for slot in 0..<entities.playerCount where entities.alive[slot] != 0 && entities.health[slot] <= 0 {
            entities.alive[slot] = 0
            entities.deathTick[slot] = Int32(world.tick)
            let index = tiles.index(row: Int(entities.row[slot]), col: Int(entities.col[slot]))
            tiles.removeOccupant(slot, at: index, links: entities.nextOnTile)
            world.livingPlayers -= 1
            world.record(.death, slot: slot, type: entities.lastHarm[slot])
        }
    }
}
