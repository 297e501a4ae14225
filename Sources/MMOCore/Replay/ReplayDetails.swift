/// The game details a replay of format 2 or later records for every entity slot, beside the
/// `ReplayEntity` basics: gold, level, skills, equipment and inventory. What a viewer's panels show.
///
/// Stored flat, `columnCount` values per slot: gold; level (an NPC's level, a player's highest
/// skill level); the eight skill levels; the eight skill experiences; the inventory slot equipped
/// as hat, top, bottom, held and ammunition (-1 empty); then per inventory slot the item's kind
/// (`ItemKind` raw value, 0 empty), level, quantity and listed price (0 unlisted). Format 1 files
/// record none of this: `isRecorded` is false and every value reads 0.
public struct ReplayDetails: Sendable, Equatable {
    /// Inventory slots per player in the recorded config.
    public let inventorySlots: Int
    /// Values per slot.
    public let columnCount: Int
    /// `slotCount x columnCount` values, slot-major; empty when the file has no details.
    public let values: [Int32]

    /// Values per slot for `inventorySlots` inventory slots.
    public static func columnCount(inventorySlots: Int) -> Int {
        itemColumnsStart + itemColumns * inventorySlots
    }

    static let skillLevelsStart = 2
    static let experienceStart = 2 + Skill.count
    static let equipmentStart = 2 + 2 * Skill.count
    static let itemColumnsStart = equipmentStart + EquipmentSlot.count
    static let itemColumns = 4

    public init(inventorySlots: Int, values: [Int32]) {
        self.inventorySlots = inventorySlots
        columnCount = Self.columnCount(inventorySlots: inventorySlots)
        self.values = values
    }

    /// Whether the file recorded details (format 2 or later).
    public var isRecorded: Bool { !values.isEmpty }

    public func gold(_ slot: Int) -> Int32 { value(slot, 0) }
    public func level(_ slot: Int) -> Int32 { value(slot, 1) }
    public func skillLevel(_ slot: Int, _ skill: Skill) -> Int32 { value(slot, Self.skillLevelsStart + skill.rawValue) }
    public func experience(_ slot: Int, _ skill: Skill) -> Int32 { value(slot, Self.experienceStart + skill.rawValue) }

    /// The inventory slot equipped in `equipmentSlot`, or `nil` (also for a slot outside the inventory).
    public func equipped(_ slot: Int, _ equipmentSlot: EquipmentSlot) -> Int? {
        guard isRecorded else { return nil }
        let inventorySlot = Int(value(slot, Self.equipmentStart + equipmentSlot.rawValue))
        return (0..<inventorySlots).contains(inventorySlot) ? inventorySlot : nil
    }

    /// The item in an inventory slot, or `nil` when empty.
    public func item(_ slot: Int, _ inventorySlot: Int) -> (kind: ItemKind, level: Int32, quantity: Int32, price: Int32)? {
        let base = Self.itemColumnsStart + Self.itemColumns * inventorySlot
        guard let kind = ItemKind(rawValue: UInt8(truncatingIfNeeded: value(slot, base))), value(slot, base) > 0 else { return nil }
        return (kind, value(slot, base + 1), value(slot, base + 2), value(slot, base + 3))
    }

    /// What `column` holds, for messages: "gold", "mage level", "item price in inventory slot 3".
    static func columnName(_ column: Int) -> String {
        switch column {
        case 0: return "gold"
        case 1: return "level"
        case skillLevelsStart..<experienceStart: return "\(Skill.allCases[column - skillLevelsStart].name) level"
        case experienceStart..<equipmentStart: return "\(Skill.allCases[column - experienceStart].name) experience"
        case equipmentStart..<itemColumnsStart: return "inventory slot equipped as \(EquipmentSlot.allCases[column - equipmentStart])"
        default:
            let (inventorySlot, field) = (column - itemColumnsStart).quotientAndRemainder(dividingBy: itemColumns)
            return "item \(["kind", "level", "quantity", "price"][field]) in inventory slot \(inventorySlot)"
        }
    }

    private func value(_ slot: Int, _ column: Int) -> Int32 {
        isRecorded ? values[slot * columnCount + column] : 0
    }

    /// Writes every slot's values of `world` into `values` (`capacity x columnCount` long).
    static func capture(_ world: World, into values: inout [Int32]) {
        let entities = world.entities
        let inventory = world.inventory
        let columns = columnCount(inventorySlots: inventory.slots)
        for slot in 0..<entities.capacity {
            let base = slot * columns
            values[base] = entities.gold[slot]
            values[base + 1] = entities.highestLevel(slot)
            let player = !entities.isNPC(slot)
            for skill in 0..<Skill.count {
                values[base + skillLevelsStart + skill] = player ? entities.skillLevel[slot * Skill.count + skill] : 0
                values[base + experienceStart + skill] = player ? entities.experience[slot * Skill.count + skill] : 0
            }
            for equipmentSlot in 0..<EquipmentSlot.count {
                values[base + equipmentStart + equipmentSlot] = player ? inventory.equipment[slot * EquipmentSlot.count + equipmentSlot] : -1
            }
            for inventorySlot in 0..<inventory.slots {
                let column = base + itemColumnsStart + itemColumns * inventorySlot
                guard player else {
                    for offset in 0..<itemColumns { values[column + offset] = 0 }
                    continue
                }
                let row = inventory.row(slot, inventorySlot)
                values[column] = Int32(inventory.kind[row])
                values[column + 1] = inventory.level[row]
                values[column + 2] = inventory.quantity[row]
                values[column + 3] = inventory.price[row]
            }
        }
    }
}
