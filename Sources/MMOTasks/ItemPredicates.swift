import MMOCore

/// Item and gold predicates: HarvestItem, ConsumeItem, FireAmmo, ListItem, BuyItem, EquipItem,
/// OwnItem, InventorySpaceGE, HoardGold, EarnGold, SpendGold, MakeProfit.
extension EvaluationContext {
    /// Members' quantity of `item` at level >= `level` in an item counter / `quantity`.
    func itemCount(_ counter: ItemCounter, _ item: Int, _ level: Int, _ quantity: Int) -> Float {
        guard let kind = itemKind(item) else { return 0 }
        // Levels above the highest are never reached; levels below 1 mean any level.
        guard level <= ProgressCounters.levels else { return PredicateEvaluator.ratio(0, quantity) }
        var total = 0
        for member in members where member < counters.players {
            total += counters.quantity(counter, slot: member, kind: kind, atLeast: level)
        }
        return PredicateEvaluator.ratio(total, quantity)
    }

    /// (living members with `item` at level >= `level` equipped) / `numAgent`.
    func equipItem(_ item: Int, _ level: Int, _ numAgent: Int) -> Float {
        guard let kind = itemKind(item) else { return 0 }
        var equipped = 0
        for member in members where isAlive(member) && hasEquipped(member, kind, level) { equipped += 1 }
        return PredicateEvaluator.ratio(equipped, numAgent)
    }

    /// Quantity of `item` at level >= `level` held by living members / `quantity`.
    func ownItem(_ item: Int, _ level: Int, _ quantity: Int) -> Float {
        guard let kind = itemKind(item) else { return 0 }
        var total = 0
        for member in members where isAlive(member) {
            for slot in 0..<inventory.slots {
                let row = inventory.row(member, slot)
                if inventory.kind[row] == kind.rawValue && Int(inventory.level[row]) >= level { total += Int(inventory.quantity[row]) }
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

    /// The item kind of a type id, or `nil`.
    private func itemKind(_ item: Int) -> ItemKind? {
        guard item >= 0, item <= Int(UInt8.max) else { return nil }
        return ItemKind(rawValue: UInt8(item))
    }
}
