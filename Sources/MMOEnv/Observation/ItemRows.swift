import MMOCore

extension ObservationWriter {
    /// One row per inventory slot: kind, level, quantity, equipped, listed price and the item's
    /// stats (`ItemStatRows`); empty slots' rows are zeros.
    func writeInventory(_ world: World, slot: Int, into out: UnsafeMutablePointer<Int16>) {
        let inventory = world.inventory
        let width = InventoryColumn.allCases.count
        let stats = ItemStatRows.width
        out.initialize(repeating: 0, count: inventory.slots &* width)
        guard inventory.holdsAnything(slot) else { return }
        for inventorySlot in 0..<inventory.slots {
            let row = inventory.row(slot, inventorySlot)
            let target = out + inventorySlot &* width
            let kind = inventory.kind[row]
            guard kind != 0 else { continue }
            let level = inventory.level[row]
            target[InventoryColumn.kind.rawValue] = Int16(kind)
            target[InventoryColumn.level.rawValue] = Int16(truncatingIfNeeded: level)
            target[InventoryColumn.quantity.rawValue] = Int16(truncatingIfNeeded: inventory.quantity[row])
            target[InventoryColumn.equipped.rawValue] = Int16(inventory.equipped[row])
            target[InventoryColumn.listedPrice.rawValue] = Int16(truncatingIfNeeded: inventory.price[row])
            if level >= 0 && level <= ItemStatRows.maxLevel {
                let source = UnsafeRawPointer(itemStats.values.base + ItemStatRows.row(kind, Int(level)) &* stats)
                let columns = UnsafeMutableRawPointer(target + InventoryColumn.meleeAttack.rawValue)
                columns.storeBytes(of: source.load(as: UInt64.self), as: UInt64.self)
                columns.storeBytes(of: source.load(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
            } else if let item = ItemKind(rawValue: kind) {
                ItemStatRows.write(ItemStats(kind: item, level: level, rules: world.config.items), to: target + InventoryColumn.meleeAttack.rawValue)
            }
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
            let row = entry * MarketColumn.allCases.count
            marketSummary[row + MarketColumn.bestPrice.rawValue] = Int16(truncatingIfNeeded: world.market.bestPrice[entry])
            marketSummary[row + MarketColumn.listings.rawValue] = Int16(truncatingIfNeeded: world.market.listingCount[entry])
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
