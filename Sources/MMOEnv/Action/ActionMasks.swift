import MMOCore

/// The parts of a mask row that do not depend on the state, one row per situation, built once per
/// config: every row starts as a copy of one of them and only the state-dependent options are then
/// written.
struct MaskTemplates {
    /// A dead agent: only the "nothing" option of every head (Stay, the first style, no target).
    let dead: FixedArray<UInt8>
    /// A living agent in combat: "nothing" everywhere, Stay, every style, and the comm tokens.
    let inCombat: FixedArray<UInt8>
    /// A living agent out of combat: as in combat, plus every sell price when the market is on.
    let outOfCombat: FixedArray<UInt8>

    init(heads: HeadOffsets, width: Int, entityRows: Int, config: Config) {
        dead = FixedArray(repeating: 0, count: width)
        inCombat = FixedArray(repeating: 0, count: width)
        outOfCombat = FixedArray(repeating: 0, count: width)
        for row in [dead, inCombat, outOfCombat] {
            let slots = heads.destroy - heads.use - 1
            for nothing in [heads.use + slots, heads.destroy + slots, heads.giveItem + slots, heads.giveTarget + entityRows,
                            heads.sellItem + slots, heads.sellPrice, heads.buy + MarketBoard.entryCount, heads.giveGoldAmount,
                            heads.giveGoldTarget + entityRows, heads.comm, heads.move + Int(Direction.stay.rawValue)] {
                row[nothing] = 1
            }
        }
        dead[heads.attackStyle] = 1
        dead[heads.attackTarget + entityRows] = 1
        for row in [inCombat, outOfCombat] {
            for style in 0..<CombatStyle.count { row[heads.attackStyle + style] = 1 }
            if config.comm.enabled { (row.base + heads.comm + 1).update(repeating: 1, count: heads.commOptions - 1) }
        }
        if config.exchange.enabled { (outOfCombat.base + heads.sellPrice + 1).update(repeating: 1, count: heads.priceOptions - 1) }
    }

    /// The owner calls this once.
    func deallocate() {
        dead.deallocate()
        inCombat.deallocate()
        outOfCombat.deallocate()
    }
}

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
        mask[heads.move + Int(Direction.north.rawValue)] = passable[here - size]
        mask[heads.move + Int(Direction.south.rawValue)] = passable[here + size]
        mask[heads.move + Int(Direction.east.rawValue)] = passable[here + 1]
        mask[heads.move + Int(Direction.west.rawValue)] = passable[here - 1]

        // Attack targets: those attackable now; "none" only when there is no target.
        var targets: UInt8 = 0
        for row in 0..<found {
            let attackable = UInt8(truncatingIfNeeded: entityTable[row * SharedEntityRows.width + EntityColumn.attackable.rawValue])
            mask[heads.attackTarget + row] = attackable
            targets |= attackable
        }
        mask[heads.attackTarget + entityRows] = targets ^ 1

        // Combat status blocks every item, market and gold action: only "nothing" stays legal.
        if !inCombat {
            writeItemMasks(world, slot: slot, found: found, into: mask)
        }
    }

    /// Use, Destroy, Give, Sell, Buy and GiveGold for an agent out of combat; the same rules as
    /// `World.canUse`, `canDestroy`, `canGive`, `canSell`, `canGiveTo` and `canBuy`, read column by
    /// column here because this runs for every agent every tick (tests hold the two equal).
    private func writeItemMasks(_ world: World, slot: Int, found: Int, into mask: UnsafeMutablePointer<UInt8>) {
        let inventory = world.inventory
        let exchange = world.config.exchange.enabled
        for inventorySlot in 0..<(inventory.holdsAnything(slot) ? inventory.slots : 0) {
            let row = inventory.row(slot, inventorySlot)
            guard inventory.kind[row] != 0, let kind = inventory.item(at: row) else { continue }
            let listed = inventory.price[row] != 0
            let equipped = inventory.equipped[row] != 0
            if !listed {
                let usable = equipped || world.meetsLevel(player: slot, kind: kind, level: inventory.level[row])
                mask[heads.use + inventorySlot] = usable ? 1 : 0
                mask[heads.destroy + inventorySlot] = 1
                mask[heads.giveItem + inventorySlot] = equipped ? 0 : 1
            }
            mask[heads.sellItem + inventorySlot] = exchange && !equipped ? 1 : 0
        }
        // Giving.canReceive, read from the shared rows' flags and the rows' distances.
        let giveDistance = world.config.items.giveDistance
        for row in 0..<found {
            let key = nearest[row]
            let receives = Int(key &>> 20) <= giveDistance && sharedRows.targetFlags[Int(key & 0xFFFFF)] & SharedEntityRows.receivesFromPlayers != 0
            mask[heads.giveTarget + row] = receives ? 1 : 0
            mask[heads.giveGoldTarget + row] = receives ? 1 : 0
        }
        guard exchange else { return }
        let gold = Int(world.entities.gold[slot])
        (mask + heads.giveGoldAmount + 1).update(repeating: 1, count: max(0, min(gold, heads.priceOptions - 1)))
        for position in 0..<activeEntryCount {
            let entry = Int(activeEntries[position])
            mask[heads.buy + entry] = world.canBuy(buyer: slot, entry: entry) ? 1 : 0
        }
    }
}
