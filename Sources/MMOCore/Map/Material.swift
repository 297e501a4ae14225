/// The 16 tile materials of Neural MMO 2.x, with the reference ids (`nmmo/lib/material.py`).
///
/// Map files store these raw values, one byte per tile.
public enum Material: UInt8, CaseIterable, Sendable {
    case void = 0
    case water = 1
    case grass = 2
    case scrub = 3
    case foilage = 4
    case stone = 5
    case slag = 6
    case ore = 7
    case stump = 8
    case tree = 9
    case fragment = 10
    case crystal = 11
    case weeds = 12
    case herb = 13
    case ocean = 14
    case fish = 15

    /// Number of materials; a map byte must be below this.
    public static let count = 16

    /// Whether an entity may stand on this material.
    @inline(__always)
    public var isPassable: Bool { Material.passable[Int(rawValue)] }

    /// What a harvestable material turns into when harvested; `nil` for materials that do not
    /// deplete (Water never depletes).
    public var depleted: Material? {
        switch self {
        case .foilage: return .scrub
        case .ore: return .slag
        case .tree: return .stump
        case .crystal: return .fragment
        case .herb: return .weeds
        case .fish: return .ocean
        default: return nil
        }
    }

    /// The material a depleted tile grows back into; `nil` for materials that are not depleted forms.
    public var replenished: Material? {
        switch self {
        case .scrub: return .foilage
        case .slag: return .ore
        case .stump: return .tree
        case .fragment: return .crystal
        case .weeds: return .herb
        case .ocean: return .fish
        default: return nil
        }
    }

    /// Lower-case name used in files and the CLI.
    public var name: String { String(describing: self) }

    /// Passability by raw value: Void, Water, Stone, Ocean and Fish are impassable.
    public static let passable: [Bool] = Material.allCases.map { material in
        switch material {
        case .void, .water, .stone, .ocean, .fish: return false
        default: return true
        }
    }
}
