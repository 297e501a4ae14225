import MMOCore

/// A goal as data: one of Neural MMO 2.1's 34 predicates with its arguments, or a combination of
/// predicates. Evaluated for a `Subject` (by a `TaskBatch`, or `PredicateEvaluator` for one), it
/// gives a progress in [0, 1].
///
/// Arguments are plain integers so that a curriculum file can describe a predicate: item kinds are
/// `ItemKind` raw values (2...17), skills and combat styles `Skill` / `CombatStyle` raw values,
/// tile types `Material` raw values, event kinds `EventKind` raw values (the reference codes),
/// players are entity slots (0-based; the reference id is slot + 1). An argument outside its range
/// (an unknown item kind, say) makes the predicate's progress 0. A count, amount or distance to
/// reach that is 0 or less is reached at once (progress 1).
///
/// "Living members" are the subject's members alive now; predicates about state (gold, items,
/// skills, positions) read only them, while predicates about events count everything the members
/// did this episode, including members that have died since.
///
/// (Named `TaskPredicate` because Foundation's `Predicate` would make a bare `Predicate` ambiguous
/// in every file that imports both.)
public indirect enum TaskPredicate: Sendable, Equatable, Codable {
    // Survival and time.

    /// 1 when every member is dead, else the fraction of members that are dead.
    case allDead
    /// 1 while every member is alive, else 0.
    case stayAlive
    /// Always 1.
    case success
    /// `tick / numTick`.
    case tickGE(numTick: Int)
    /// Fraction of `targets` (player slots) whose status is `status` (slots that are not players
    /// count as dead); the subject does not matter.
    case checkAgentStatus(targets: [Int], status: AgentStatus)

    // Positions, vision and territory.

    /// 1 when the living members' spread s (the larger of the row and column extents) is at most
    /// `distance` d; else the mean of `(M - s) / (M - d)`, with M = `map.center` (the playable side - 1),
    /// and of `d / max(3 x std, d)` for the members' rows and for their columns (population
    /// standard deviations); 0 when d < 0 or without living members.
    case allMembersWithinRange(distance: Int)
    /// 1 when `target` (a player slot) is alive and within the vision radius (L-inf) of a living
    /// member, else 0. (The reference asks whether the target is among the observed entity rows,
    /// the nearest 100 there; this counts any in sight.)
    case canSeeAgent(target: Int)
    /// 1 when any of `targets` is alive and within the vision radius of a living member, else 0.
    case canSeeGroup(targets: [Int])
    /// 1 when a tile of material `tileType` lies in a living member's vision window
    /// ((2r+1) x (2r+1) around it, r = `observation.visionRadius`), else 0.
    case canSeeTile(tileType: Int)
    /// 1 when a living member stands on (`row`, `col`), else 0.
    case occupyTile(row: Int, col: Int)
    /// Sum over living members of the farthest L-inf distance from their spawn tile ever reached
    /// (the largest GO_FARTHEST number) / `distance`; 0 without living members. (The reference sums
    /// the current distances, so walking back loses progress; the farthest distance does not.)
    case distanceTraveled(distance: Int)
    /// `1 - d / R`, d = the smallest L-inf distance of a living member to the map's middle tile,
    /// R = the playable square's half-side; 0 without living members.
    case progressTowardCenter
    /// Approach, seize and hold a tile. A side (a team, or a player without a team) takes a tile
    /// when its living players are the only players on it, and keeps it until another side takes
    /// it. While the subject's side does not hold the tile, `progressBonus x (1 - d / R)` with d the
    /// living members' smallest L-inf distance to it and R the playable square's half-side; while
    /// it does, `progressBonus + seizeBonus + (1 - progressBonus - seizeBonus) x heldTicks /
    /// numTicks`; 0 without living members. Bonuses are in hundredths (the reference's 0.4 and 0.3
    /// are 40 and 30). Control is tracked only for tiles the counters watch
    /// (`ProgressCounters.watch(_:)`).
    case seizeTile(row: Int, col: Int, numTicks: Int, progressBonus: Int = 40, seizeBonus: Int = 30)
    /// `seizeTile` of the map's middle tile with the given progress bonus and a seize bonus of 30.
    case seizeCenter(numTicks: Int, progressBonus: Int = 30)
    /// `seizeTile` of a quadrant's centre (`Quadrant.centre(in:)`) with a seize bonus of 30.
    case seizeQuadCenter(numTicks: Int, quadrant: Quadrant, progressBonus: Int = 30)
    /// 0 when `targetProtect` (a player slot) is dead, else `tick / episode.horizon`. As in the
    /// reference, `targetDestroy` does not enter the progress; it names the foes for whatever
    /// shapes the reward.
    case protectLeader(targetProtect: Int, targetDestroy: [Int])

    // Skills and combat.

    /// 1 when `level` <= 1, else the living members' levels in `skill` above 1, summed, /
    /// (`numAgent` x (`level` - 1)): levels below the goal count partly, as in the reference.
    case attainSkill(skill: Int, level: Int, numAgent: Int)
    /// The living members' XP in `skill`, summed, / (`experience` x `numAgent`).
    case gainExperience(skill: Int, experience: Int, numAgent: Int)
    /// Members' kills (PLAYER_KILL) of `agentType` victims whose combat level is >= `level`,
    /// / `numAgent`.
    case defeatEntity(agentType: AgentType, level: Int, numAgent: Int)
    /// Members' hits (SCORE_HIT) in `combatStyle` / `count`.
    case scoreHit(combatStyle: Int, count: Int)
    /// Members' ammunition of kind `item` at level >= `level` fired (FIRE_AMMO) / `quantity`.
    case fireAmmo(item: Int, level: Int, quantity: Int)
    /// (living members with a hat, top, bottom, the style's weapon and the style's ammunition
    /// equipped, each at level >= `level`) / `numAgent`.
    case fullyArmed(combatStyle: Int, level: Int, numAgent: Int)
    /// Members' events of kind `event` (an `EventKind` raw value) / `count`.
    case countEvent(event: Int, count: Int)

    // Items.

    /// Members' items of kind `item` at level >= `level` harvested (HARVEST_ITEM) / `quantity`.
    case harvestItem(item: Int, level: Int, quantity: Int)
    /// Members' items of kind `item` at level >= `level` consumed (CONSUME_ITEM) / `quantity`.
    case consumeItem(item: Int, level: Int, quantity: Int)
    /// (living members with an item of kind `item` at level >= `level` equipped) / `numAgent`.
    case equipItem(item: Int, level: Int, numAgent: Int)
    /// Quantity of items of kind `item` at level >= `level` in living members' inventories /
    /// `quantity`.
    case ownItem(item: Int, level: Int, quantity: Int)
    /// 1 when every living member has at least `space` empty inventory slots (also when none is
    /// alive, as in the reference), else 0.
    case inventorySpaceGE(space: Int)

    // Gold and market.

    /// Gold held by living members / `amount`.
    case hoardGold(amount: Int)
    /// Members' gold earned, from sales (EARN_GOLD) and loot (LOOT_GOLD), / `amount`.
    case earnGold(amount: Int)
    /// Members' gold spent on purchases (BUY_ITEM) / `amount`.
    case spendGold(amount: Int)
    /// (gold earned, as in `earnGold`, minus gold spent) / `amount`.
    case makeProfit(amount: Int)
    /// Quantity of members' items of kind `item` at level >= `level` listed (LIST_ITEM) /
    /// `quantity`.
    case listItem(item: Int, level: Int, quantity: Int)
    /// Quantity of items of kind `item` at level >= `level` members bought (BUY_ITEM) / `quantity`.
    case buyItem(item: Int, level: Int, quantity: Int)

    // Combinators.

    /// The smallest progress of the operands (1 without operands).
    case and([TaskPredicate])
    /// The largest progress of the operands (0 without operands).
    case or([TaskPredicate])
    /// `1 - p`.
    case not(TaskPredicate)
    /// `min(1, a + b)`.
    case add(TaskPredicate, TaskPredicate)
    /// `max(0, a - b)`.
    case sub(TaskPredicate, TaskPredicate)
    /// `a x b`.
    case mul(TaskPredicate, TaskPredicate)
}

/// The status `TaskPredicate.checkAgentStatus` asks about.
public enum AgentStatus: Int, Sendable, Equatable, Codable {
    case alive = 0
    case dead = 1
}

/// The victims `TaskPredicate.defeatEntity` counts: players or NPCs of any kind.
public enum AgentType: Int, Sendable, Equatable, Codable {
    case player = 0
    case npc = 1
}

/// A quadrant of the map for `TaskPredicate.seizeQuadCenter`, named as in Neural MMO 2.1 (rows grow
/// downwards): first = down and right, second = up and right, third = up and left, fourth = down
/// and left.
public enum Quadrant: Int, Sendable, Equatable, Codable {
    case first = 1
    case second = 2
    case third = 3
    case fourth = 4

    /// The quadrant's centre on a map: the middle tile moved half the playable half-side (rounded
    /// down) up or down and left or right.
    public func centre(in map: MapRules) -> (row: Int, col: Int) {
        let offset = map.playableRadius / 2
        switch self {
        case .first: return (map.middle + offset, map.middle + offset)
        case .second: return (map.middle - offset, map.middle + offset)
        case .third: return (map.middle - offset, map.middle - offset)
        case .fourth: return (map.middle + offset, map.middle - offset)
        }
    }
}
