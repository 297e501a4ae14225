/// What occupies an entity slot.
public enum EntityKind: UInt8, Sendable {
    case empty = 0
    case player = 1
    case passiveNPC = 2
    case neutralNPC = 3
    case hostileNPC = 4
}

/// Every entity of one environment in flat, fixed-capacity columns (struct of arrays).
///
/// Slots `0..<playerCount` hold the players (reference ids 1...playerCount), the following
/// `npcCount` slots are reserved for NPCs (reference ids -1, -2, ...). Slots are never removed:
/// a dead entity keeps its slot with `alive == 0`, so every buffer shaped by slots keeps its shape.
public final class EntityTable {
    public let playerCount: Int
    public let npcCount: Int
    /// `playerCount + npcCount`.
    public let capacity: Int

    public let kind: FixedArray<EntityKind>
    /// 1 while the entity is in the world.
    public let alive: FixedArray<UInt8>
    public let row: FixedArray<Int32>
    public let col: FixedArray<Int32>
    public let health: FixedArray<Int32>
    public let food: FixedArray<Int32>
    public let water: FixedArray<Int32>
    /// Team index, or -1 without teams.
    public let team: FixedArray<Int32>
    public let spawnRow: FixedArray<Int32>
    public let spawnCol: FixedArray<Int32>
    public let spawnTick: FixedArray<Int32>
    /// Tick of death, or -1 while alive.
    public let deathTick: FixedArray<Int32>
    /// Largest L-inf distance from the spawn tile reached so far (drives GO_FARTHEST).
    public let farthest: FixedArray<Int32>
    /// 1 for players that take reduced starvation damage.
    public let resilient: FixedArray<UInt8>
    /// `DeathCause` raw value of the most recent damage taken, the cause recorded if it is fatal.
    public let lastHarm: FixedArray<Int16>
    /// Gold held.
    public let gold: FixedArray<Int32>
    /// Tick of the last attack made or received (combat status lasts `combat.combatStatusTicks` after it).
    public let lastCombatTick: FixedArray<Int32>
    /// Slot of the last entity that hit this one, or -1.
    public let lastAttacker: FixedArray<Int32>
    /// Damage received during the latest tick.
    public let damageTaken: FixedArray<Int32>
    /// NPC level (players: 0; their levels are in the skill columns).
    public let level: FixedArray<Int32>
    /// NPC offense, fixed at spawn from its generated equipment.
    public let npcOffense: FixedArray<Int32>
    /// NPC defense, fixed at spawn.
    public let npcDefense: FixedArray<Int32>
    /// `CombatStyle` raw value an NPC attacks with (and its main style).
    public let npcStyle: FixedArray<Int32>
    /// Slot an NPC pursues, or -1.
    public let npcTarget: FixedArray<Int32>
    /// Communication token sent this tick (0 = silence).
    public let message: FixedArray<Int32>
    /// Experience per skill, row `slot * Skill.count + skill`.
    public let experience: FixedArray<Int32>
    /// Level per skill (1...maxLevel), row `slot * Skill.count + skill`.
    public let skillLevel: FixedArray<Int32>
    /// Next entity slot on the same tile, or -1 (the tile occupancy lists of `World`).
    public let nextOnTile: FixedArray<Int32>

    public init(playerCount: Int, npcCount: Int) {
        precondition(Skill.count == 8, "highestLevel reads exactly eight skills")
        self.playerCount = playerCount
        self.npcCount = npcCount
        capacity = playerCount + npcCount
        kind = FixedArray(repeating: .empty, count: capacity)
        alive = FixedArray(repeating: 0, count: capacity)
        row = FixedArray(repeating: 0, count: capacity)
        col = FixedArray(repeating: 0, count: capacity)
        health = FixedArray(repeating: 0, count: capacity)
        food = FixedArray(repeating: 0, count: capacity)
        water = FixedArray(repeating: 0, count: capacity)
        team = FixedArray(repeating: -1, count: capacity)
        spawnRow = FixedArray(repeating: 0, count: capacity)
        spawnCol = FixedArray(repeating: 0, count: capacity)
        spawnTick = FixedArray(repeating: 0, count: capacity)
        deathTick = FixedArray(repeating: -1, count: capacity)
        farthest = FixedArray(repeating: 0, count: capacity)
        resilient = FixedArray(repeating: 0, count: capacity)
        lastHarm = FixedArray(repeating: 0, count: capacity)
        gold = FixedArray(repeating: 0, count: capacity)
        lastCombatTick = FixedArray(repeating: -32768, count: capacity)
        lastAttacker = FixedArray(repeating: -1, count: capacity)
        damageTaken = FixedArray(repeating: 0, count: capacity)
        level = FixedArray(repeating: 0, count: capacity)
        npcOffense = FixedArray(repeating: 0, count: capacity)
        npcDefense = FixedArray(repeating: 0, count: capacity)
        npcStyle = FixedArray(repeating: 0, count: capacity)
        npcTarget = FixedArray(repeating: -1, count: capacity)
        message = FixedArray(repeating: 0, count: capacity)
        experience = FixedArray(repeating: 0, count: capacity * Skill.count)
        skillLevel = FixedArray(repeating: 1, count: capacity * Skill.count)
        nextOnTile = FixedArray(repeating: -1, count: capacity)
    }

    deinit {
        kind.deallocate()
        alive.deallocate()
        row.deallocate()
        col.deallocate()
        health.deallocate()
        food.deallocate()
        water.deallocate()
        team.deallocate()
        spawnRow.deallocate()
        spawnCol.deallocate()
        spawnTick.deallocate()
        deathTick.deallocate()
        farthest.deallocate()
        resilient.deallocate()
        lastHarm.deallocate()
        gold.deallocate()
        lastCombatTick.deallocate()
        lastAttacker.deallocate()
        damageTaken.deallocate()
        level.deallocate()
        npcOffense.deallocate()
        npcDefense.deallocate()
        npcStyle.deallocate()
        npcTarget.deallocate()
        message.deallocate()
        experience.deallocate()
        skillLevel.deallocate()
        nextOnTile.deallocate()
    }

    /// Empties every slot.
    public func clear() {
        kind.fill(.empty)
        alive.fill(0)
        row.fill(0)
        col.fill(0)
        health.fill(0)
        food.fill(0)
        water.fill(0)
        team.fill(-1)
        spawnRow.fill(0)
        spawnCol.fill(0)
        spawnTick.fill(0)
        deathTick.fill(-1)
        farthest.fill(0)
        resilient.fill(0)
        lastHarm.fill(0)
        gold.fill(0)
        lastCombatTick.fill(-32768)
        lastAttacker.fill(-1)
        damageTaken.fill(0)
        level.fill(0)
        npcOffense.fill(0)
        npcDefense.fill(0)
        npcStyle.fill(0)
        npcTarget.fill(-1)
        message.fill(0)
        experience.fill(0)
        skillLevel.fill(1)
        nextOnTile.fill(-1)
    }

    /// The reference id of a slot: players 1...playerCount, NPCs -1, -2, ...
    @inlinable @inline(__always)
    public func id(ofSlot slot: Int) -> Int32 {
        slot < playerCount ? Int32(slot + 1) : Int32(playerCount - slot - 1)
    }

    /// Whether the entity can still act this tick: in the world and not yet brought to 0 health
    /// (deaths are resolved at the end of the tick; a dying entity does nothing more).
    @inlinable @inline(__always)
    public func canAct(_ slot: Int) -> Bool { alive[slot] != 0 && health[slot] > 0 }

    /// Whether the slot is an NPC.
    @inlinable @inline(__always)
    public func isNPC(_ slot: Int) -> Bool { slot >= playerCount }

    /// Experience of one skill.
    @inlinable @inline(__always)
    public func experience(_ slot: Int, _ skill: Skill) -> Int32 { experience[slot * Skill.count + skill.rawValue] }

    /// Level of one skill.
    @inlinable @inline(__always)
    public func level(_ slot: Int, _ skill: Skill) -> Int32 { skillLevel[slot * Skill.count + skill.rawValue] }

    /// Highest level over all skills (players), or the NPC's level.
    @inlinable @inline(__always)
    public func highestLevel(_ slot: Int) -> Int32 {
        if isNPC(slot) { return level[slot] }
        // A balanced tree of maxima over the eight skills (a loop here runs for every agent every tick).
        let levels = skillLevel.base + slot &* Skill.count
        let combat = max(levels[0], levels[1], levels[2])
        let gathering = max(max(levels[3], levels[4]), max(levels[5], levels[6]))
        return max(combat, max(gathering, levels[7]))
    }

    /// Highest combat-style level (players), or the NPC's level.
    @inlinable @inline(__always)
    public func combatLevel(_ slot: Int) -> Int32 {
        if isNPC(slot) { return level[slot] }
        let base = slot * Skill.count
        return max(skillLevel[base], skillLevel[base + 1], skillLevel[base + 2])
    }

    /// The style a defender mainly fights with: for a player the combat skill with the most XP
    /// (ties: Melee, then Range, then Mage), `nil` while all three are equal; for an NPC its style.
    @inlinable @inline(__always)
    public func mainStyle(_ slot: Int) -> CombatStyle? {
        if isNPC(slot) { return CombatStyle(rawValue: Int(npcStyle[slot])) }
        let base = slot * Skill.count
        let melee = experience[base], range = experience[base + 1], mage = experience[base + 2]
        if melee == range && range == mage { return nil }
        if melee >= range && melee >= mage { return .melee }
        return range >= mage ? .range : .mage
    }

    /// Number of living players.
    public var livingPlayers: Int {
        var total = 0
        for slot in 0..<playerCount where alive[slot] != 0 { total += 1 }
        return total
    }
}
