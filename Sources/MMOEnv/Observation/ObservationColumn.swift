/// A column of an observation table, declared as an enum case: the case's position is where the
/// writer stores it and its name (`dRow` -> "d_row") is what the layout publishes, so the two can
/// never disagree.
public protocol ObservationColumn: CaseIterable, RawRepresentable where RawValue == Int, AllCases == [Self] {}

extension ObservationColumn {
    /// The published name: the case name in snake case.
    public var name: String {
        var result = ""
        for character in String(describing: self) {
            if character.isUppercase {
                result.append("_")
                result.append(contentsOf: character.lowercased())
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// Every column's name, in storage order.
    public static var names: [String] { allCases.map(\.name) }
}

/// Columns of the `self` segment: the observing agent's own state.
public enum SelfColumn: Int, ObservationColumn {
    /// 1...players.
    case id
    /// 0 or 1; a dead agent's other columns are 0.
    case alive
    case row, col, health, food, water
    /// -1 without a team.
    case team
    case timeAlive
    /// Farthest distance from the spawn tile so far.
    case farthest
    case gold
    case inCombat
    case spawnImmune
    /// Highest level over all skills.
    case highestLevel
    /// Damage taken this tick.
    case damageTaken
    /// Offense per style as combat would compute it now (without ammunition).
    case meleeOffense, rangeOffense, mageOffense
    /// Defense against each style.
    case meleeDefense, rangeDefense, mageDefense
}

/// Columns of each `inventory` row; kind 0 is an empty slot. The eight stat columns from
/// `meleeAttack` on are laid out as `ItemStatRows` writes them.
public enum InventoryColumn: Int, ObservationColumn {
    /// Item type id 2...17, 0 for an empty slot.
    case kind
    case level, quantity, equipped
    /// 0 while unlisted.
    case listedPrice
    case meleeAttack, rangeAttack, mageAttack
    case meleeDefense, rangeDefense, mageDefense
    case resourceRestore, healthRestore
}

/// Columns of each `entities` row; a row of zeros (id 0) is empty.
public enum EntityColumn: Int, ObservationColumn {
    /// Players 1...N, NPCs -1, -2, ...
    case id
    /// 1 player, 2 passive, 3 neutral, 4 hostile NPC.
    case kind
    case row, col
    /// Position relative to the observer.
    case dRow, dCol
    case health, food, water
    /// -1 without a team.
    case team
    /// 1 when on the observer's team.
    case sameTeam
    /// Combat level (players) or NPC level.
    case level
    /// 0 none, 1 melee, 2 range, 3 mage.
    case mainStyle
    case inCombat
    case spawnImmune
    /// Id of whoever hit it last, 0 for none.
    case attackerId
    case damageTaken
    case gold
    /// A teammate's token this tick (0 for others).
    case message
    /// 1 when the observer may attack it now.
    case attackable
}

/// Columns of each `skills` row, one row per `Skill`.
public enum SkillColumn: Int, ObservationColumn {
    /// 1...10.
    case level
    case experience
}

/// Columns of each `market` row, one row per `MarketBoard` entry (kind x level).
public enum MarketColumn: Int, ObservationColumn {
    /// The cheapest listing's price, 0 when nothing is listed.
    case bestPrice
    /// How many listings the entry has.
    case listings
}

/// Columns of each `comm` row: the agent's teammates in slot order.
public enum CommColumn: Int, ObservationColumn {
    case id, row, col
    /// The teammate's token this tick.
    case message
}
