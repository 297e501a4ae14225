/// Use and Destroy, per player in slot order; both are blocked in combat status and for items
/// listed on the market.
///
/// Use on equipment toggles it: an equipped item is unequipped; otherwise it is equipped into its
/// slot (replacing what was there) if the player's level allows (EQUIP_ITEM). Use on a Ration or
/// Potion consumes it, restoring food and water or health up to the maximum (CONSUME_ITEM). The
/// level requirement: the item's level must not exceed the player's level in the item's skill
/// (weapons and ammunition: their style; tools: their profession), or for armour and consumables
/// the player's highest skill level.
enum ItemUse {
    static func use(in world: World) {
        let inventory = world.inventory
        let entities = world.entities
        let vitals = world.config.vitals
        for player in 0..<entities.playerCount where entities.canAct(player) {
            guard let row = actionableRow(world, player: player, slot: Int(world.intents.use[player])),
                  let kind = inventory.item(at: row) else { continue }
            if inventory.equipped[row] != 0 {
                inventory.unequip(at: row)
                continue
            }
            guard meetsLevel(world, player: player, kind: kind, level: inventory.level[row]) else { continue }
            if kind.category == .consumable {
                let stats = ItemStats(kind: kind, level: inventory.level[row], rules: world.config.items)
                entities.food[player] = min(entities.food[player] + stats.resourceRestore, Int32(vitals.maxFood))
                entities.water[player] = min(entities.water[player] + stats.resourceRestore, Int32(vitals.maxWater))
                entities.health[player] = min(entities.health[player] + stats.healthRestore, Int32(vitals.maxHealth))
                world.record(.consumeItem, slot: player, type: Int16(kind.rawValue), level: Int16(inventory.level[row]), number: 1)
                if inventory.quantity[row] > 1 { inventory.quantity[row] -= 1 } else { inventory.remove(at: row) }
            } else {
                inventory.equip(at: row)
                world.record(.equipItem, slot: player, type: Int16(kind.rawValue), level: Int16(inventory.level[row]), number: 1)
            }
        }
    }

    static func destroy(in world: World) {
        let inventory = world.inventory
        for player in 0..<world.entities.playerCount where world.entities.canAct(player) {
            guard let row = actionableRow(world, player: player, slot: Int(world.intents.destroy[player])),
                  let kind = inventory.item(at: row) else { continue }
            world.record(.destroyItem, slot: player, type: Int16(kind.rawValue), level: Int16(inventory.level[row]), number: inventory.quantity[row])
            inventory.remove(at: row)
        }
    }

    /// The inventory row of `slot` if the player may act on it now: a valid, occupied, unlisted
    /// slot and no combat status.
    static func actionableRow(_ world: World, player: Int, slot: Int) -> Int? {
        let inventory = world.inventory
        guard slot >= 0, slot < inventory.slots, !world.inCombat(player) else { return nil }
        let row = inventory.row(player, slot)
        guard inventory.kind[row] != 0, inventory.price[row] == 0 else { return nil }
        return row
    }

    /// Whether `player`'s level allows equipping or using an item of `kind` at `level`.
    static func meetsLevel(_ world: World, player: Int, kind: ItemKind, level: Int32) -> Bool {
        if let skill = kind.requiredSkill { return world.entities.level(player, skill) >= level }
        return world.entities.highestLevel(player) >= level
    }
}
