/// The values a replay's records may hold under its config, which the reader checks every decoded
/// value against, so that a file with a valid checksum still cannot describe an impossible state:
/// positions on the map, vitals within their maxima (an NPC's health within `npcs.maxHealth`),
/// teams among the config's, events naming entity slots, and every `ReplayDetails` column (levels
/// up to `progression.maxLevel`, equipment within the inventory, known item kinds, prices up to
/// `exchange.maxPrice`, no negative gold, experience or quantity).
struct ReplayValueRanges: Sendable {
    /// Entity slots: players, then NPC slots.
    let slotCount: Int
    let playerCount: Int
    /// Inventory slots per player.
    let inventorySlots: Int
    /// Rows and columns of the map.
    let position: ClosedRange<Int32>
    let playerHealth: ClosedRange<Int32>
    let npcHealth: ClosedRange<Int32>
    let food: ClosedRange<Int32>
    let water: ClosedRange<Int32>
    /// -1 (no team) and the config's team indices.
    let team: ClosedRange<Int32>
    /// An event's target: -1 (none) or a slot.
    let target: ClosedRange<Int32>
    /// The range of each `ReplayDetails` column; for item kind columns, 0 and the item kind raw values.
    let details: [ClosedRange<Int32>]
    /// Whether each `ReplayDetails` column holds an item kind, which must also be a known one.
    let holdsItemKind: [Bool]

    init(config: Config, slotCount: Int) {
        self.slotCount = slotCount
        playerCount = config.players.count
        inventorySlots = config.items.inventorySize
        position = 0...Int32(config.map.size - 1)
        playerHealth = 0...Int32(config.vitals.maxHealth)
        npcHealth = 0...Int32(config.npcs.maxHealth)
        food = 0...Int32(config.vitals.maxFood)
        water = 0...Int32(config.vitals.maxWater)
        team = -1...Int32(config.players.teams - 1)
        target = -1...Int32(slotCount - 1)
        let level = 0...Int32(config.progression.maxLevel)
        let count = 0...Int32.max
        var details = [count, level]
        details += Array(repeating: level, count: Skill.count)
        details += Array(repeating: count, count: Skill.count)
        details += Array(repeating: -1...Int32(inventorySlots - 1), count: EquipmentSlot.count)
        let item = [0...Int32(ItemKind.allCases.map(\.rawValue).max()!), level, count, 0...Int32(config.exchange.maxPrice)]
        for _ in 0..<inventorySlots { details += item }
        self.details = details
        holdsItemKind = details.indices.map { $0 >= ReplayDetails.itemColumnsStart && ($0 - ReplayDetails.itemColumnsStart) % ReplayDetails.itemColumns == 0 }
    }

    /// Whether `value` may stand in `ReplayDetails` column `column`: within the column's range,
    /// and for an item kind column 0 or a known item kind.
    @inline(__always)
    func allows(_ value: Int64, inDetail column: Int) -> Bool {
        let range = details[column]
        guard value >= Int64(range.lowerBound), value <= Int64(range.upperBound) else { return false }
        return !holdsItemKind[column] || value == 0 || ItemKind(rawValue: UInt8(truncatingIfNeeded: value)) != nil
    }

    /// The health range of `slot`.
    func health(ofSlot slot: Int) -> ClosedRange<Int32> {
        slot < playerCount ? playerHealth : npcHealth
    }
}
