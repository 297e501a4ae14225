/// What an item of a kind and level does, under a config's item rules: attack per style, defense
/// per style, and how much a consumable restores.
public struct ItemStats: Sendable, Equatable {
    /// Attack added to attacks of each `CombatStyle` (by raw value).
    public var attack: (melee: Int32, range: Int32, mage: Int32)
    /// Defense against attacks of each style.
    public var defense: (melee: Int32, range: Int32, mage: Int32)
    /// Food and water restored by a Ration.
    public var resourceRestore: Int32
    /// Health restored by a Potion.
    public var healthRestore: Int32

    public static func == (lhs: ItemStats, rhs: ItemStats) -> Bool {
        lhs.attack == rhs.attack && lhs.defense == rhs.defense && lhs.resourceRestore == rhs.resourceRestore && lhs.healthRestore == rhs.healthRestore
    }

    /// The stats of `kind` at `level` under `rules` (GAME_REFERENCE.md "items"): armour defends
    /// `armourDefensePerLevel x level` against every style; a weapon attacks its style with
    /// `weaponAttackBase + weaponAttackPerLevel x level`; a held tool defends `toolDefense` against
    /// every style; ammunition attacks its style with `ammunitionAttackBase + perLevel x level`,
    /// capped; Ration and Potion restore `consumableRestoreBase + perLevel x level`.
    public init(kind: ItemKind, level: Int32, rules: ItemRules) {
        attack = (0, 0, 0)
        defense = (0, 0, 0)
        resourceRestore = 0
        healthRestore = 0
        switch kind.category {
        case .armour:
            let value = Int32(rules.armourDefensePerLevel) * level
            defense = (value, value, value)
        case .weapon:
            setAttack(Int32(rules.weaponAttackBase) + Int32(rules.weaponAttackPerLevel) * level, style: kind.style!)
        case .tool:
            let value = Int32(rules.toolDefense)
            defense = (value, value, value)
        case .ammunition:
            let value = min(Int32(rules.ammunitionAttackBase) + Int32(rules.ammunitionAttackPerLevel) * level, Int32(rules.ammunitionAttackCap))
            setAttack(value, style: kind.style!)
        case .consumable:
            let value = Int32(rules.consumableRestoreBase) + Int32(rules.consumableRestorePerLevel) * level
            if kind == .ration { resourceRestore = value } else { healthRestore = value }
        }
    }

    /// Attack against `style`.
    @inline(__always)
    public func attack(_ style: CombatStyle) -> Int32 {
        switch style {
        case .melee: return attack.melee
        case .range: return attack.range
        case .mage: return attack.mage
        }
    }

    /// Defense against `style`.
    @inline(__always)
    public func defense(_ style: CombatStyle) -> Int32 {
        switch style {
        case .melee: return defense.melee
        case .range: return defense.range
        case .mage: return defense.mage
        }
    }

    private mutating func setAttack(_ value: Int32, style: CombatStyle) {
        switch style {
        case .melee: attack.melee = value
        case .range: attack.range = value
        case .mage: attack.mage = value
        }
    }
}
