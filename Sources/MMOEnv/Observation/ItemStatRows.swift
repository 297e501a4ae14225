import MMOCore

/// The eight stat columns of an `inventory` row (`melee_attack` ... `health_restore`) for every
/// item kind and level under one config's item rules, computed once, so that writing an inventory
/// row copies 16 bytes instead of evaluating `ItemStats` for every item of every agent every tick.
struct ItemStatRows {
    /// Stat values per row.
    static let width = 8
    /// Levels covered: 0...`maxLevel`; items of other levels are evaluated directly.
    static let maxLevel = 10
    /// Row `kind raw value * (maxLevel + 1) + level`.
    let values: FixedArray<Int16>

    init(rules: ItemRules) {
        precondition(InventoryColumn.allCases.count - InventoryColumn.meleeAttack.rawValue == Self.width, "the stat columns end the inventory row")
        let kinds = Int(ItemKind.firstID) + ItemKind.count
        values = FixedArray(repeating: 0, count: kinds * (Self.maxLevel + 1) * Self.width)
        for kind in ItemKind.allCases {
            for level in 0...Self.maxLevel {
                Self.write(ItemStats(kind: kind, level: Int32(level), rules: rules), to: values.base + Self.row(kind.rawValue, level) * Self.width)
            }
        }
    }

    /// The owner calls this once.
    func deallocate() { values.deallocate() }

    /// Index of the row of a kind and level.
    @inline(__always)
    static func row(_ kind: UInt8, _ level: Int) -> Int { Int(kind) &* (maxLevel + 1) &+ level }

    /// Writes the stat columns of `stats`, in `inventory` column order.
    static func write(_ stats: ItemStats, to out: UnsafeMutablePointer<Int16>) {
        out[0] = Int16(truncatingIfNeeded: stats.attack.melee)
        out[1] = Int16(truncatingIfNeeded: stats.attack.range)
        out[2] = Int16(truncatingIfNeeded: stats.attack.mage)
        out[3] = Int16(truncatingIfNeeded: stats.defense.melee)
        out[4] = Int16(truncatingIfNeeded: stats.defense.range)
        out[5] = Int16(truncatingIfNeeded: stats.defense.mage)
        out[6] = Int16(truncatingIfNeeded: stats.resourceRestore)
        out[7] = Int16(truncatingIfNeeded: stats.healthRestore)
    }
}
