/// Professions: each living player, in slot order, harvests automatically (in the player update,
/// before the tick's actions and moves; like eating and drinking, even at 0 health).
///
/// | profession  | where                      | product (2.5% rare as well) | tool    |
/// | ----------- | -------------------------- | --------------------------- | ------- |
/// | Fishing     | 4-adjacent to Fish         | Ration                      | Rod     |
/// | Herbalism   | on Herb                    | Potion                      | Gloves  |
/// | Prospecting | on Ore                     | Whetstone (Wand)            | Pickaxe |
/// | Carving     | on Tree                    | Arrow (Spear)               | Axe     |
/// | Alchemy     | on Crystal                 | Runes (Bow)                 | Chisel  |
///
/// The product's level is min(1 + the held tool's level, 10) when the matching tool is held,
/// else 1. An ammunition harvest always gives the ammunition and, with an independent roll of
/// `rareWeaponPermille`, also the profession's weapon of the same level if the inventory has room
/// (a HARVEST_ITEM of its own), as in the reference's drop table. The tile depletes (one Fish
/// tile, the first of N, S, E, W, even when several are adjacent: the reference's
/// deplete-them-all quirk is not copied). The player gains
/// `ammunitionHarvestExperience` or `consumableHarvestExperience` (HARVEST_ITEM: type, level,
/// number = 1). Without inventory room nothing is harvested and the tile stays.
enum Harvesting {
    static func run(in world: World) {
        let entities = world.entities
        let tiles = world.tiles
        for player in 0..<entities.playerCount where entities.alive[player] != 0 {
            let index = tiles.index(row: Int(entities.row[player]), col: Int(entities.col[player]))
            // Matched on the map byte itself: converting it to a `Material` first costs a call per player.
            switch tiles.materials[index] {
            case Material.herb.rawValue: harvest(world, player: player, tile: index, skill: .herbalism, product: .potion, rare: nil, tool: .gloves)
            case Material.ore.rawValue: harvest(world, player: player, tile: index, skill: .prospecting, product: .whetstone, rare: .wand, tool: .pickaxe)
            case Material.tree.rawValue: harvest(world, player: player, tile: index, skill: .carving, product: .arrow, rare: .spear, tool: .axe)
            case Material.crystal.rawValue: harvest(world, player: player, tile: index, skill: .alchemy, product: .runes, rare: .bow, tool: .chisel)
            default: break
            }
            if let fish = firstFish(around: index, tiles: tiles) {
                harvest(world, player: player, tile: fish, skill: .fishing, product: .ration, rare: nil, tool: .rod)
            }
        }
    }

    /// The first Fish tile north, south, east or west of `index`, if any.
    @inline(__always)
    private static func firstFish(around index: Int, tiles: TileState) -> Int? {
        let fish = Material.fish.rawValue
        if tiles.materials[index - tiles.size] == fish { return index - tiles.size }
        if tiles.materials[index + tiles.size] == fish { return index + tiles.size }
        if tiles.materials[index + 1] == fish { return index + 1 }
        if tiles.materials[index - 1] == fish { return index - 1 }
        return nil
    }

    private static func harvest(_ world: World, player: Int, tile: Int, skill: Skill, product: ItemKind, rare: ItemKind?, tool: ItemKind) {
        let inventory = world.inventory
        var level: Int32 = 1
        if let held = inventory.equippedRow(player, .held), inventory.kind[held] == tool.rawValue {
            level = min(1 + inventory.level[held], Int32(MarketBoard.levels))
        }
        guard inventory.add(product, level: level, to: player) != nil else { return }
        world.tiles.deplete(index: tile)
        world.record(.harvestItem, slot: player, type: Int16(product.rawValue), level: Int16(level), number: 1)
        if let rare, world.harvestRng.below(1000) < world.config.progression.rareWeaponPermille,
           inventory.add(rare, level: level, to: player) != nil {
            world.record(.harvestItem, slot: player, type: Int16(rare.rawValue), level: Int16(level), number: 1)
        }
        let experience = product.category == .ammunition ? world.config.progression.ammunitionHarvestExperience : world.config.progression.consumableHarvestExperience
        Experience.gain(world, slot: player, skill: skill, amount: experience)
    }
}
