import MMOCore

extension ObservationWriter {
    /// One row per inventory slot: kind, level, quantity, equipped, listed price and the item's stats.
    func writeInventory(_ world: World, slot: Int, into out: UnsafeMutablePointer<Int16>) {
        let inventory = world.inventory
        let width = ObservationLayout.inventoryColumns.count
        let rules = world.config.items
        for inventorySlot in 0..<inventory.slots {
            let row = inventory.row(slot, inventorySlot)
            guard let kind = inventory.item(at: row) else { continue }
            let target = out + inventorySlot * width
            let stats = ItemStats(kind: kind, level: inventory.level[row], rules: rules)
            target[0] = Int16(kind.rawValue)
            target[1] = Int16(truncatingIfNeeded: inventory.level[row])
            target[2] = Int16(truncatingIfNeeded: inventory.quantity[row])
            target[3] = Int16(inventory.equipped[row])
            target[4] = Int16(truncatingIfNeeded: inventory.price[row])
            target[5] = Int16(truncatingIfNeeded: stats.attack.melee)
            target[6] = Int16(truncatingIfNeeded: stats.attack.range)
            target[7] = Int16(truncatingIfNeeded: stats.attack.mage)
            target[8] = Int16(truncatingIfNeeded: stats.defense.melee)
            target[9] = Int16(truncatingIfNeeded: stats.defense.range)
            target[10] = Int16(truncatingIfNeeded: stats.defense.mage)
            target[11] = Int16(truncatingIfNeeded: stats.resourceRestore)
            target[12] = Int16(truncatingIfNeeded: stats.healthRestore)
        }
    }

    /// The inventory slot equipped in each equipment slot (hat, top, bottom, held, ammunition), or -1.
    func writeEquipment(_ world: World, slot: Int, into out: UnsafeMutablePointer<Int16>) {
        for equipmentSlot in 0..<EquipmentSlot.count {
            out[equipmentSlot] = Int16(truncatingIfNeeded: world.inventory.equipment[slot * EquipmentSlot.count + equipmentSlot])
        }
    }

    /// Builds the market summary (best price and listing count per entry) and the list of entries
    /// with listings, once per write.
    func buildMarketSummary(_ world: World) {
        activeEntryCount = 0
        for entry in 0..<MarketBoard.entryCount {
            marketSummary[entry * 2] = Int16(truncatingIfNeeded: world.market.bestPrice[entry])
            marketSummary[entry * 2 + 1] = Int16(truncatingIfNeeded: world.market.listingCount[entry])
            if world.market.listingCount[entry] > 0 {
                activeEntries[activeEntryCount] = Int32(entry)
                activeEntryCount += 1
            }
        }
    }

    /// Copies the market summary into an agent's record.
    func writeMarket(into out: UnsafeMutablePointer<Int16>) {
        out.update(from: marketSummary.base, count: marketSummary.count)
    }
}
