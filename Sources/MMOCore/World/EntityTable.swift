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
    /// Next entity slot on the same tile, or -1 (the tile occupancy lists of `World`).
    public let nextOnTile: FixedArray<Int32>

    public init(playerCount: Int, npcCount: Int) {
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
        nextOnTile.fill(-1)
    }

    /// The reference id of a slot: players 1...playerCount, NPCs -1, -2, ...
    @inline(__always)
    public func id(ofSlot slot: Int) -> Int32 {
        slot < playerCount ? Int32(slot + 1) : Int32(playerCount - slot - 1)
    }

    /// Number of living players.
    public var livingPlayers: Int {
        var total = 0
        for slot in 0..<playerCount where alive[slot] != 0 { total += 1 }
        return total
    }
}
