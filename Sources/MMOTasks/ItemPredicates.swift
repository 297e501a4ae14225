import MMOCore

/// Item and gold predicates: HarvestItem, ConsumeItem, FireAmmo, ListItem, BuyItem, EquipItem,
/// OwnItem, InventorySpaceGE, HoardGold, EarnGold, SpendGold, MakeProfit.
extension EvaluationContext {
    /// Members' quantity of item kind index `kindIndex` at level >= `level` in an item counter /
    /// `quantity`.
    func itemCount(_ counter: ItemCounter, _ kindIndex: Int, _ level: Int, _ quantity: Int) -> Float {
        guard kindIndex >= 0 else { return 0 }
        // Levels above the highest are never reached; levels below 1 mean any level.
        guard level <= ProgressCounters.levels else { return PredicateEvaluator.ratio(0, quantity) }
        let column = counters.items.base + counters.itemColumn(counter.rawValue, kindIndex, ProgressCounters.clampLevel(level))
        var total = 0
        for member in members where member < counters.players { total += Int(column[member]) }
        return PredicateEvaluator.ratio(total, quantity)
    }

    /// (living members with an item of kind index `kindIndex` at level >= `level` equipped) / `numAgent`.
    func equipItem(_ kindIndex: Int, _ level: Int, _ numAgent: Int) -> Float {
        guard kindIndex >= 0, let kind = ItemKind(rawValue: UInt8(kindIndex) + ItemKind.firstID) else { return 0 }
        var equipped = 0
        for member in members where isAlive(member) && hasEquipped(member, kind, level) { equipped += 1 }
        return PredicateEvaluator.ratio(equipped, numAgent)
    }

    /// Quantity of items of kind index `kindIndex` at level >= `level` held by living members / `quantity`.
    func ownItem(_ kindIndex: Int, _ level: Int, _ quantity: Int) -> Float {
        guard kindIndex >= 0 else { return 0 }
        let kindID = UInt8(kindIndex) + ItemKind.firstID
        let slots = inventory.slots, kinds = inventory.kind.base, levels = inventory.level.base, quantities = inventory.quantity.base
        var total = 0
        for member in members where isAlive(member) {
            for row in member * slots..<(member + 1) * slots where kinds[row] == kindID && Int(levels[row]) >= level {
                total += Int(quantities[row])
            }
        }
        return PredicateEvaluator.ratio(total, quantity)
    }

    /// 0 when a living member has fewer than `space` empty slots, else 1.
    func inventorySpace(_ space: Int) -> Float {
        for member in members where isAlive(member) && inventory.freeSlots(of: member) < space { return 0 }
        return 1
    }

    /// Gold held by living members / `amount`.
    func hoardGold(_ amount: Int) -> Float {
        var total = 0
        for member in members where isAlive(member) { total += Int(entities.gold[member]) }
        return PredicateEvaluator.ratio(total, amount)
    }

    /// Members' gold earned from sales and loot / `amount`.
    func earnGold(_ amount: Int) -> Float { PredicateEvaluator.ratio(goldEarned(), amount) }

    /// Members' gold spent on purchases / `amount`.
    func spendGold(_ amount: Int) -> Float { PredicateEvaluator.ratio(goldSpent(), amount) }

    /// (members' gold earned - gold spent) / `amount`.
    func makeProfit(_ amount: Int) -> Float { PredicateEvaluator.ratio(goldEarned() - goldSpent(), amount) }

    private func goldEarned() -> Int {
        var total = 0
        for member in members where member < counters.players { total += counters.goldEarned(slot: member) }
        return total
    }

    private func goldSpent() -> Int {
        var total = 0
        for member in members where member < counters.players { total += counters.goldPaid(slot: member) }
        return total
    }
}
