/// The 16 item types of Neural MMO 2.1 with the reference type ids (`nmmo/systems/item.py`).
public enum ItemKind: UInt8, CaseIterable, Sendable {
    case hat = 2
    case top = 3
    case bottom = 4
    case spear = 5
    case bow = 6
    case wand = 7
    case rod = 8
    case gloves = 9
    case pickaxe = 10
    case axe = 11
    case chisel = 12
    case whetstone = 13
    case arrow = 14
    case runes = 15
    case ration = 16
    case potion = 17

    /// Number of item types.
    public static let count = 16
    /// Smallest type id.
    public static let firstID: UInt8 = 2

    /// What the item is for.
    public enum Category: Sendable {
        case armour, weapon, tool, ammunition, consumable
    }

    public var category: Category {
        switch self {
        case .hat, .top, .bottom: return .armour
        case .spear, .bow, .wand: return .weapon
        case .rod, .gloves, .pickaxe, .axe, .chisel: return .tool
        case .whetstone, .arrow, .runes: return .ammunition
        case .ration, .potion: return .consumable
        }
    }

    /// The equipment slot the item goes into, or `nil` for consumables.
    public var equipmentSlot: EquipmentSlot? {
        switch self {
        case .hat: return .hat
        case .top: return .top
        case .bottom: return .bottom
        case .spear, .bow, .wand, .rod, .gloves, .pickaxe, .axe, .chisel: return .held
        case .whetstone, .arrow, .runes: return .ammunition
        case .ration, .potion: return nil
        }
    }

    /// The combat style a weapon or ammunition serves.
    public var style: CombatStyle? {
        switch self {
        case .spear, .whetstone: return .melee
        case .bow, .arrow: return .range
        case .wand, .runes: return .mage
        default: return nil
        }
    }

    /// The skill whose level must reach the item's level to equip or use it; `nil` means the
    /// holder's highest skill level counts (armour and consumables).
    public var requiredSkill: Skill? {
        switch self {
        case .spear, .whetstone: return .melee
        case .bow, .arrow: return .range
        case .wand, .runes: return .mage
        case .rod: return .fishing
        case .gloves: return .herbalism
        case .pickaxe: return .prospecting
        case .axe: return .carving
        case .chisel: return .alchemy
        case .hat, .top, .bottom, .ration, .potion: return nil
        }
    }

    /// Whether items of this kind stack (ammunition stacks per type and level).
    public var stacks: Bool { category == .ammunition }

    /// Index 0..<16 for tables (`rawValue - 2`).
    @inline(__always)
    public var index: Int { Int(rawValue - ItemKind.firstID) }

    /// Lower-case name used in files and the CLI.
    public var name: String { String(describing: self) }

    /// The armour kinds, the tool kinds (NPC drops pick one of each).
    public static let armour: [ItemKind] = [.hat, .top, .bottom]
    public static let tools: [ItemKind] = [.rod, .gloves, .pickaxe, .axe, .chisel]
}

/// The five equipment slots.
public enum EquipmentSlot: Int, CaseIterable, Sendable {
    case hat = 0
    case top = 1
    case bottom = 2
    case held = 3
    case ammunition = 4

    public static let count = 5
}
