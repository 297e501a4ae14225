/// The eight levelled skills (`nmmo/systems/skill.py`): three combat styles and five professions.
public enum Skill: Int, CaseIterable, Sendable {
    case melee = 0
    case range = 1
    case mage = 2
    case fishing = 3
    case herbalism = 4
    case prospecting = 5
    case carving = 6
    case alchemy = 7

    /// Number of skills; each entity has this many XP and level entries.
    public static let count = 8

    /// Lower-case name used in files and the CLI.
    public var name: String { String(describing: self) }
}

/// A combat style; its raw value is the matching `Skill`'s.
public enum CombatStyle: Int, CaseIterable, Sendable {
    case melee = 0
    case range = 1
    case mage = 2

    public static let count = 3

    /// The skill that levels with this style.
    public var skill: Skill { Skill(rawValue: rawValue)! }

    /// The style this one beats (x1.5 damage): Mage > Melee > Range > Mage.
    public var beats: CombatStyle {
        switch self {
        case .mage: return .melee
        case .melee: return .range
        case .range: return .mage
        }
    }
}
