import MMOCore

/// Each living entity's `entities` row as any observer sees it, built at most once per write (the
/// first time an observer sees the entity), so that an observer's rows are copies rather than a
/// dozen lookups each: the observer-relative columns (`dRow`, `dCol`, `sameTeam`, `message`,
/// `attackable`) are left 0 here and filled per observer. With a full population most entities
/// are seen by several agents, which is what makes the copy pay; entities nobody sees (most NPCs)
/// cost nothing.
final class SharedEntityRows {
    /// Int16 values per row.
    static let width = EntityColumn.allCases.count
    /// `width` values per entity slot; a row is current only when its `builtIn` is `write`.
    let rows: FixedArray<Int16>
    /// Per entity slot: `attackableByPlayers` and `receivesFromPlayers` bits, current with the row.
    let targetFlags: FixedArray<UInt8>
    /// The write in which each slot's row was last built.
    private let builtIn: FixedArray<Int>
    /// The current write; `startWrite()` advances it, which makes every row stale (a cell: read
    /// for every row, no exclusivity checks).
    private let write = UnmanagedCell(0)
    /// Whether a player within reach may attack the entity now (`World.canAttack` less the
    /// attacker's side and the distance): combat is on, the entity has health left and is not a
    /// player under spawn immunity.
    static let attackableByPlayers: UInt8 = 1
    /// Whether a player within give distance may give it items or gold (`Giving.canReceive` less
    /// the giver's side and the distance): a player with health left.
    static let receivesFromPlayers: UInt8 = 2

    init(capacity: Int) {
        precondition(Self.width % 4 == 0, "entity rows are copied in 8-byte words")
        rows = FixedArray(repeating: 0, count: capacity * Self.width)
        targetFlags = FixedArray(repeating: 0, count: capacity)
        builtIn = FixedArray(repeating: 0, count: capacity)
    }

    deinit {
        rows.deallocate()
        targetFlags.deallocate()
        builtIn.deallocate()
        write.deallocate()
    }

    /// Makes every row stale: call once before writing a tick's observations.
    func startWrite() { write.value += 1 }

    /// The row of living entity `slot`, built from `world` if it is not yet current.
    @inline(__always)
    func row(of slot: Int, in world: World) -> UnsafePointer<Int16> {
        if builtIn[slot] != write.value { build(slot, world) }
        return UnsafePointer(rows.base + slot &* Self.width)
    }

    /// Fills the row and flags of living entity `slot`.
    private func build(_ slot: Int, _ world: World) {
        builtIn[slot] = write.value
        let entities = world.entities
        let row = rows.base + slot * Self.width
        let attacker = Int(entities.lastAttacker[slot])
        let spawnImmune = world.isSpawnImmune(slot)
        let hasHealth = entities.health[slot] > 0
        row[EntityColumn.id.rawValue] = Int16(truncatingIfNeeded: entities.id(ofSlot: slot))
        row[EntityColumn.kind.rawValue] = Int16(entities.kind[slot].rawValue)
        row[EntityColumn.row.rawValue] = Int16(truncatingIfNeeded: entities.row[slot])
        row[EntityColumn.col.rawValue] = Int16(truncatingIfNeeded: entities.col[slot])
        row[EntityColumn.dRow.rawValue] = 0
        row[EntityColumn.dCol.rawValue] = 0
        row[EntityColumn.health.rawValue] = Int16(truncatingIfNeeded: entities.health[slot])
        row[EntityColumn.food.rawValue] = Int16(truncatingIfNeeded: entities.food[slot])
        row[EntityColumn.water.rawValue] = Int16(truncatingIfNeeded: entities.water[slot])
        row[EntityColumn.team.rawValue] = Int16(truncatingIfNeeded: entities.team[slot])
        row[EntityColumn.sameTeam.rawValue] = 0
        row[EntityColumn.level.rawValue] = Int16(truncatingIfNeeded: entities.combatLevel(slot))
        row[EntityColumn.mainStyle.rawValue] = Int16(entities.mainStyle(slot).map { $0.rawValue + 1 } ?? 0)
        row[EntityColumn.inCombat.rawValue] = world.inCombat(slot) ? 1 : 0
        row[EntityColumn.spawnImmune.rawValue] = spawnImmune ? 1 : 0
        row[EntityColumn.attackerId.rawValue] = attacker >= 0 ? Int16(truncatingIfNeeded: entities.id(ofSlot: attacker)) : 0
        row[EntityColumn.damageTaken.rawValue] = Int16(truncatingIfNeeded: entities.damageTaken[slot])
        row[EntityColumn.gold.rawValue] = Int16(truncatingIfNeeded: entities.gold[slot])
        row[EntityColumn.message.rawValue] = 0
        row[EntityColumn.attackable.rawValue] = 0
        var flags: UInt8 = 0
        if world.config.combat.enabled && hasHealth && !spawnImmune { flags |= Self.attackableByPlayers }
        if hasHealth && !entities.isNPC(slot) { flags |= Self.receivesFromPlayers }
        targetFlags[slot] = flags
    }
}
