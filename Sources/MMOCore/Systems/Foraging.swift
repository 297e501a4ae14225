/// Automatic eating and drinking, per living player in slot order: standing on Foilage eats it
/// (food restored, tile becomes Scrub, EAT_FOOD with the tile in `type`/`level`); being 4-adjacent
/// to Water drinks (water restored, DRINK_WATER; Water never depletes). Two players on one Foilage
/// tile: the lower slot eats it. It follows `Vitals.players` in the player update, so a player
/// whom starvation has just brought to 0 health still eats and drinks before it dies, as in the
/// reference.
enum Foraging {
    static func run(in world: World) {
        let rules = world.config.vitals
        let entities = world.entities
        let tiles = world.tiles
        let water = Material.water.rawValue
        for slot in 0..<entities.playerCount where entities.alive[slot] != 0 {
            let row = Int(entities.row[slot])
            let col = Int(entities.col[slot])
            let index = tiles.index(row: row, col: col)
            if tiles.materials[index] == Material.foilage.rawValue {
                entities.food[slot] = min(entities.food[slot] + Int32(rules.foodRestore), Int32(rules.maxFood))
                tiles.deplete(index: index)
                world.record(.eatFood, slot: slot, type: Int16(row), level: Int16(col))
            }
            // Living players never stand on the map's outer edge (it is Void), so all four
            // neighbours are inside the map.
            if tiles.materials[index - tiles.size] == water || tiles.materials[index + tiles.size] == water
                || tiles.materials[index - 1] == water || tiles.materials[index + 1] == water {
                entities.water[slot] = min(entities.water[slot] + Int32(rules.waterRestore), Int32(rules.maxWater))
                world.record(.drinkWater, slot: slot)
            }
        }
    }
}
