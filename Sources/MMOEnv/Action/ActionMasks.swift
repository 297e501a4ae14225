import MMOCore

extension ObservationWriter {
    /// A dead agent may only choose the "nothing" option of every head.
    func writeDeadMasks(into mask: UnsafeMutablePointer<UInt8>) {
        mask[heads.move + Int(Direction.stay.rawValue)] = 1
        mask[heads.attackStyle] = 1
        mask[heads.attackTarget + entityRows] = 1
        writeNothingOptions(into: mask)
    }

    /// Masks of a living agent; `shown` and `found` describe its entity rows.
    func writeMasks(_ world: World, slot: Int, shown: UnsafePointer<Int32>, found: Int, into mask: UnsafeMutablePointer<UInt8>) {
        writeNothingOptions(into: mask)

        // Move: passable neighbours (a living agent stands inside the playable square).
        let size = world.size
        let here = Int(world.entities.row[slot]) * size + Int(world.entities.col[slot])
        let passable = world.tiles.passable
        mask[heads.move + Int(Direction.north.rawValue)] = passable[here - size]
        mask[heads.move + Int(Direction.south.rawValue)] = passable[here + size]
        mask[heads.move + Int(Direction.east.rawValue)] = passable[here + 1]
        mask[heads.move + Int(Direction.west.rawValue)] = passable[here - 1]
        mask[heads.move + Int(Direction.stay.rawValue)] = 1

        // Attack: every style; targets attackable now; "none" only when there is no target.
        for style in 0..<CombatStyle.count { mask[heads.attackStyle + style] = 1 }
        var targets = 0
        for row in 0..<found where world.canAttack(slot, Int(shown[row])) {
            mask[heads.attackTarget + row] = 1
            targets += 1
        }
        mask[heads.attackTarget + entityRows] = targets == 0 ? 1 : 0

        // Items.
        for inventorySlot in 0..<world.inventory.slots {
            mask[heads.use + inventorySlot] = world.canUse(player: slot, slot: inventorySlot) ? 1 : 0
            mask[heads.destroy + inventorySlot] = world.canDestroy(player: slot, slot: inventorySlot) ? 1 : 0
            mask[heads.giveItem + inventorySlot] = world.canGive(player: slot, slot: inventorySlot) ? 1 : 0
            mask[heads.sellItem + inventorySlot] = world.canSell(player: slot, slot: inventorySlot) ? 1 : 0
        }

        // Receivers of items and gold.
        for row in 0..<found where world.canGiveTo(giver: slot, receiver: Int(shown[row])) {
            mask[heads.giveTarget + row] = 1
            mask[heads.giveGoldTarget + row] = 1
        }

        // Prices, market entries and gold amounts.
        if world.config.exchange.enabled {
            for price in 1..<heads.priceOptions { mask[heads.sellPrice + price] = 1 }
            let gold = Int(world.entities.gold[slot])
            if !world.inCombat(slot) {
                for amount in 1..<min(gold + 1, heads.priceOptions) { mask[heads.giveGoldAmount + amount] = 1 }
            }
            for entry in 0..<MarketBoard.entryCount where world.market.listingCount[entry] > 0 {
                mask[heads.buy + entry] = world.canBuy(buyer: slot, entry: entry) ? 1 : 0
            }
        }

        // Tokens.
        if world.config.comm.enabled {
            for token in 1..<heads.commOptions { mask[heads.comm + token] = 1 }
        }
    }

    /// The always-legal "nothing" options of the item, market, gold and comm heads.
    private func writeNothingOptions(into mask: UnsafeMutablePointer<UInt8>) {
        let slots = heads.destroy - heads.use - 1
        mask[heads.use + slots] = 1
        mask[heads.destroy + slots] = 1
        mask[heads.giveItem + slots] = 1
        mask[heads.giveTarget + entityRows] = 1
        mask[heads.sellItem + slots] = 1
        mask[heads.sellPrice] = 1
        mask[heads.buy + MarketBoard.entryCount] = 1
        mask[heads.giveGoldAmount] = 1
        mask[heads.giveGoldTarget + entityRows] = 1
        mask[heads.comm] = 1
    }
}
