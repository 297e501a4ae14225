/// Read-only questions about a world that observations and action masks ask: they answer
/// exactly as the systems will decide, so a legal-looking action is one the systems carry out.
extension World {
    /// Offense of `slot` attacking in `style` now (an NPC's is fixed; ammunition not included).
    public func offense(_ slot: Int, _ style: CombatStyle) -> Int32 {
        entities.isNPC(slot) ? entities.npcOffense[slot] : Combat.playerOffense(self, slot, style)
    }

    /// Defense of `slot` against `style` now.
    public func defense(_ slot: Int, _ style: CombatStyle) -> Int32 {
        entities.isNPC(slot) ? entities.npcDefense[slot] : Combat.playerDefense(self, slot, style)
    }

    /// Offense (without ammunition) and defense of `slot` for every style, in one pass over its
    /// equipment: what `offense(_:_:)` and `defense(_:_:)` return, cheaper when all six are needed.
    public func combatProfile(_ slot: Int) -> (offense: SIMD3<Int32>, defense: SIMD3<Int32>) {
        if entities.isNPC(slot) {
            return (SIMD3(repeating: entities.npcOffense[slot]), SIMD3(repeating: entities.npcDefense[slot]))
        }
        // Scalar sums (generic SIMD3 arithmetic costs more than it saves here).
        let rules = config.combat
        let levels = entities.skillLevel.base + slot * Skill.count
        let base = Int32(rules.baseOffense), perLevel = Int32(rules.offensePerLevel)
        var melee = base + perLevel * levels[0], range = base + perLevel * levels[1], mage = base + perLevel * levels[2]
        let armour = Int32(rules.defensePerLevel) * entities.highestLevel(slot)
        var meleeDefense = armour, rangeDefense = armour, mageDefense = armour
        let equipment = inventory.equipment.base + slot * EquipmentSlot.count
        for equipmentSlot in EquipmentSlot.hat.rawValue...EquipmentSlot.held.rawValue where equipment[equipmentSlot] >= 0 {
            let stats = Combat.stats(self, inventory.row(slot, Int(equipment[equipmentSlot])))
            melee += stats.attack.melee
            range += stats.attack.range
            mage += stats.attack.mage
            meleeDefense += stats.defense.melee
            rangeDefense += stats.defense.range
            mageDefense += stats.defense.mage
        }
        return (SIMD3(melee, range, mage), SIMD3(meleeDefense, rangeDefense, mageDefense))
    }

    /// Whether a player is still immune to attacks by players.
    @inlinable @inline(__always)
    public func isSpawnImmune(_ slot: Int) -> Bool {
        !entities.isNPC(slot) && tick - Int(entities.spawnTick[slot]) < config.combat.spawnImmunity
    }

    /// Whether `player`'s level allows equipping or using an item of `kind` at `level`.
    @inline(__always)
    public func meetsLevel(player: Int, kind: ItemKind, level: Int32) -> Bool {
        ItemUse.meetsLevel(self, player: player, kind: kind, level: level)
    }

    /// Whether Use on `player`'s inventory slot would do something now (equip, unequip or consume).
    public func canUse(player: Int, slot: Int) -> Bool {
        guard let row = ItemUse.actionableRow(self, player: player, slot: slot), let kind = inventory.item(at: row) else { return false }
        return inventory.equipped[row] != 0 || ItemUse.meetsLevel(self, player: player, kind: kind, level: inventory.level[row])
    }

    /// Whether Destroy on the slot would remove an item now.
    public func canDestroy(player: Int, slot: Int) -> Bool {
        ItemUse.actionableRow(self, player: player, slot: slot) != nil
    }

    /// Whether Give (or Sell) of the slot's item is possible now: present, unlisted (for Give),
    /// unequipped, out of combat.
    public func canGive(player: Int, slot: Int) -> Bool {
        guard let row = ItemUse.actionableRow(self, player: player, slot: slot) else { return false }
        return inventory.equipped[row] == 0
    }

    /// Whether the slot's item may be listed now (re-listing a listed item changes its price).
    public func canSell(player: Int, slot: Int) -> Bool {
        guard config.exchange.enabled, slot >= 0, slot < inventory.slots, !inCombat(player) else { return false }
        let row = inventory.row(player, slot)
        return inventory.kind[row] != 0 && inventory.equipped[row] == 0
    }

    /// Whether `receiver` can be given items or gold by `giver` now.
    public func canGiveTo(giver: Int, receiver: Int) -> Bool {
        !inCombat(giver) && Giving.canReceive(self, from: giver, receiver: receiver)
    }

    /// Whether `giver` may give `amount` gold now (to a receiver `canGiveTo` allows): the market is
    /// on, it is out of combat, and it holds at least `amount`, which is positive.
    public func canGiveGold(giver: Int, amount: Int) -> Bool {
        config.exchange.enabled && amount > 0 && amount <= Int(entities.gold[giver]) && !inCombat(giver)
    }

    /// Whether `buyer` could buy from market entry `entry` now: out of combat, and the cheapest
    /// listing that is not its own is affordable (the board keeps that listing's price per entry).
    @inlinable @inline(__always)
    public func canBuy(buyer: Int, entry: Int) -> Bool {
        guard config.exchange.enabled, !inCombat(buyer) else { return false }
        let price = Int32(buyer) == market.cheapestSeller[entry] ? market.cheapestOtherPrice[entry] : market.bestPrice[entry]
        return price > 0 && price <= entities.gold[buyer]
    }
}
