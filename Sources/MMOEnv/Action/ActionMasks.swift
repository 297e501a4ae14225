import MMOCore

extension ObservationWriter {
    /// A dead agent may only choose the "nothing" option of every head.
    func writeDeadMasks(into mask: UnsafeMutablePointer<UInt8>) {
        mask.update(from: maskTemplates.dead.base, count: maskWidth)
    }

    /// Masks of a living agent; `found` and `nearest` describe its entity rows and `entityTable`
    /// holds those rows as written (their `attackable` column is the attack-target mask).
    @inline(__always)
    func writeMasks(_ world: World, slot: Int, found: Int, entityTable: UnsafePointer<Int16>, into mask: UnsafeMutablePointer<UInt8>) {
        let inCombat = world.inCombat(slot)
        mask.update(from: (inCombat ? maskTemplates.inCombat : maskTemplates.outOfCombat).base, count: maskWidth)

        // Move: passable neighbours (a living agent stands inside the playable square).
        let size = world.size
        let here = Int(world.entities.row[slot]) * size + Int(world.entities.col[slot])
        let passable = world.tiles.passable
        let move = mask + heads[.move].maskOffset
        move[Int(Direction.north.rawValue)] = passable[here - size]
        move[Int(Direction.south.rawValue)] = passable[here + size]
        move[Int(Direction.east.rawValue)] = passable[here + 1]
        move[Int(Direction.west.rawValue)] = passable[here - 1]

        // Attack targets: those attackable now; "none" only when there is no target.
        let attackTarget = mask + heads[.attackTarget].maskOffset
        var targets: UInt8 = 0
        for row in 0..<found {
            let attackable = UInt8(truncatingIfNeeded: entityTable[row * SharedEntityRows.width + EntityColumn.attackable.rawValue])
            attackTarget[row] = attackable
            targets |= attackable
        }
        attackTarget[entityRows] = targets ^ 1

        // Combat status blocks every item, market and gold action: only "nothing" stays legal.
        if !inCombat {
            writeItemMasks(world, slot: slot, found: found, into: mask)
        }
    }

    /// Use, Destroy, Give, Sell, Buy and GiveGold for an agent out of combat; the same rules as the
    /// heads' `isLegal` (`World.canUse`, `canDestroy`, `canGive`, `canSell`, `canGiveTo`,
    /// `canGiveGold`, `canBuy`), read column by column here, all items in one pass, because this
    /// runs for every agent every tick (tests hold the two equal).
    private func writeItemMasks(_ world: World, slot: Int, found: Int, into mask: UnsafeMutablePointer<UInt8>) {
        let inventory = world.inventory
        let exchange = world.config.exchange.enabled
        let use = mask + heads[.use].maskOffset, destroy = mask + heads[.destroy].maskOffset
        let giveItem = mask + heads[.giveItem].maskOffset, sellItem = mask + heads[.sellItem].maskOffset
        for inventorySlot in 0..<(inventory.holdsAnything(slot) ? inventory.slots : 0) {
            let row = inventory.row(slot, inventorySlot)
            guard inventory.kind[row] != 0, let kind = inventory.item(at: row) else { continue }
            let listed = inventory.price[row] != 0
            let equipped = inventory.equipped[row] != 0
            if !listed {
                let usable = equipped || world.meetsLevel(player: slot, kind: kind, level: inventory.level[row])
                use[inventorySlot] = usable ? 1 : 0
                destroy[inventorySlot] = 1
                giveItem[inventorySlot] = equipped ? 0 : 1
            }
            sellItem[inventorySlot] = exchange && !equipped ? 1 : 0
        }
        // Giving.canReceive, read from the shared rows' flags and the rows' distances.
        let giveDistance = world.config.items.giveDistance
        let giveTarget = mask + heads[.giveTarget].maskOffset, giveGoldTarget = mask + heads[.giveGoldTarget].maskOffset
        for row in 0..<found {
            let key = nearest[row]
            let receives = Int(key &>> 20) <= giveDistance && sharedRows.targetFlags[Int(key & 0xFFFFF)] & SharedEntityRows.receivesFromPlayers != 0
            giveTarget[row] = receives ? 1 : 0
            giveGoldTarget[row] = receives ? 1 : 0
        }
        guard exchange else { return }
        let gold = Int(world.entities.gold[slot])
        let giveGoldAmount = heads[.giveGoldAmount]
        (mask + giveGoldAmount.maskOffset + 1).update(repeating: 1, count: max(0, min(gold, giveGoldAmount.size - 1)))
        let buy = mask + heads[.buy].maskOffset
        for position in 0..<activeEntryCount {
            let entry = Int(activeEntries[position])
            buy[entry] = world.canBuy(buyer: slot, entry: entry) ? 1 : 0
        }
    }
}
