/// Combat numbers (`nmmo/core/config.py` Combat, 2.1 values; GAME_REFERENCE.md "combat").
public struct CombatRules: Sendable, Equatable {
    /// Whether players can attack at all.
    public var enabled = true
    /// Maximum L-inf distance of an attack, for every style.
    public var reach = 3
    /// Base offense of a player before skill and equipment.
    public var baseOffense = 10
    /// Offense per level of the attacking style's skill.
    public var offensePerLevel = 5
    /// Defense per level of the defender's highest skill.
    public var defensePerLevel = 5
    /// Damage multiplier, in percent, when the attacker's style beats the defender's main style.
    public var styleBonusPercent = 150
    /// Damage floor as a percentage of offense (2.1 formula).
    public var minimumDamagePercent = 25
    /// Which damage formula applies: 21 = Neural MMO 2.1, `max(mult*off - def, 0.25*off)`;
    /// 20 = Neural MMO 2.0, `mult * off * 15 / (15 + def)`.
    public var damageFormula = 21
    /// Ticks after attacking or being hit during which Use, Give, GiveGold, Destroy, Sell and Buy are blocked.
    public var combatStatusTicks = 3
    /// Players younger than this many ticks cannot be attacked by players.
    public var spawnImmunity = 20

    public init() {}
}

/// Skill progression (`nmmo/systems/experience.py`, `skill.py`).
public struct ProgressionRules: Sendable, Equatable {
    /// Highest skill level.
    public var maxLevel = 10
    /// XP gained by the attacking style per hit (2.0: 3).
    public var hitExperience = 6
    /// XP gained per ammunition harvest (Prospecting, Carving, Alchemy).
    public var ammunitionHarvestExperience = 15
    /// XP gained per Fishing or Herbalism harvest.
    public var consumableHarvestExperience = 30
    /// Chance, in tenths of a percent, that an ammunition harvest also yields the rare weapon (an
    /// independent roll; the ammunition is always given).
    public var rareWeaponPermille = 25

    public init() {}

    /// XP needed for levels 1...10 (`[0, 90, 217, 373, 553, 754, 974, 1212, 1467, 1737]`).
    public static let experienceThresholds: [Int32] = [0, 90, 217, 373, 553, 754, 974, 1212, 1467, 1737]

    /// The level reached with `experience` XP.
    @inline(__always)
    public func level(forExperience experience: Int32) -> Int32 {
        var level: Int32 = 0
        for threshold in Self.experienceThresholds where experience >= threshold { level += 1 }
        return min(level, Int32(maxLevel))
    }
}

/// Item stats (`nmmo/systems/item.py`, 2.1 values; 2.0 in brackets in each comment).
public struct ItemRules: Sendable, Equatable {
    /// Inventory slots per player.
    public var inventorySize = 12
    /// Armour defense per level (2.0: 10).
    public var armourDefensePerLevel = 3
    /// Weapon attack = base + perLevel x level (2.0: 15 + 15L).
    public var weaponAttackBase = 5
    public var weaponAttackPerLevel = 5
    /// Tool defense, flat (2.0: 30).
    public var toolDefense = 15
    /// Ammunition attack = base + perLevel x level, capped at `ammunitionAttackCap` (2.0: 15 + 15L).
    public var ammunitionAttackBase = 5
    public var ammunitionAttackPerLevel = 10
    public var ammunitionAttackCap = 100
    /// Ration restores base + perLevel x level food and water; Potion the same in health.
    public var consumableRestoreBase = 50
    public var consumableRestorePerLevel = 5
    /// Maximum L-inf distance for Give and GiveGold.
    public var giveDistance = 7

    public init() {}
}

/// Gold and the market (`nmmo/systems/exchange.py`).
public struct ExchangeRules: Sendable, Equatable {
    public var enabled = true
    /// Gold each player spawns with.
    public var startingGold = 1
    /// Ticks a listing stays on the market (2.0: 5).
    public var listingTicks = 3
    /// Highest listing price and GiveGold amount.
    public var maxPrice = 99

    public init() {}
}

/// Team communication.
public struct CommRules: Sendable, Equatable {
    public var enabled = true
    /// Number of distinct tokens; tokens are 1...tokens, 0 is silence (2.1: 127).
    public var tokens = 127

    public init() {}
}
