import Foundation
import MMOCore
import MMOEnv
import MMOTasks

/// Turns agents' raw observation records into what the policy network reads: categorical tile ids
/// (material and occupant, for the gather convolution), scaled float features for the agent itself,
/// one row per observed entity and per inventory slot (with validity masks), the market summary and
/// the agent's task index. Scales put typical values near [0, 1]; they are fixed, not learned, so
/// the same record always gives the same features.
public struct ObservationFeatures: Sendable {
    /// Window side in tiles (15 by default).
    public let side: Int
    /// Tile categories: `Material.count` x `occupants` (a tile's material and who stands on it).
    public let tileVocabulary: Int
    public let entityRows: Int
    public let inventoryRows: Int
    public let marketEntries: Int
    /// Whether records carry `task` / `task_progress` segments (an environment with a curriculum).
    public let hasTask: Bool

    /// Occupant codes: 0 none, 1 a teammate, 2 another player, 3...5 passive, neutral, hostile NPC.
    public static let occupants = 6
    public static let selfWidth = 18 + 1 + 2 * Skill.count + EquipmentSlot.count + 1
    public static let entityWidth = 5 + 13
    public static let inventoryWidth = ItemKind.count + 1 + 12
    public static let marketWidth = 2

    private let selfOffset: Int, skillsOffset: Int, tilesOffset: Int, entitiesOffset: Int
    private let inventoryOffset: Int, equipmentOffset: Int, marketOffset: Int, tickOffset: Int
    private let taskOffset: Int, progressOffset: Int
    private let entityColumns: Int, inventoryColumns: Int
    let horizon: Float
    let mapSize: Float
    let visionRadius: Float

    public init(layout: ObservationLayout, config: Config) {
        func segment(_ name: String) -> ObservationSegment {
            guard let segment = layout.segment(named: name) else { preconditionFailure("observation layout has no '\(name)' segment") }
            return segment
        }
        let tiles = segment("tiles"), entities = segment("entities"), inventory = segment("inventory"), market = segment("market")
        side = tiles.shape[0]
        tileVocabulary = Material.count * Self.occupants
        entityRows = entities.shape[0]
        inventoryRows = inventory.shape[0]
        marketEntries = market.shape[0]
        entityColumns = entities.shape[1]
        inventoryColumns = inventory.shape[1]
        selfOffset = segment("self").offset
        skillsOffset = segment("skills").offset
        tilesOffset = tiles.offset
        entitiesOffset = entities.offset
        inventoryOffset = inventory.offset
        equipmentOffset = segment("equipment").offset
        marketOffset = market.offset
        tickOffset = segment("tick").offset
        hasTask = layout.segment(named: "task") != nil
        taskOffset = layout.segment(named: "task")?.offset ?? 0
        progressOffset = layout.segment(named: "task_progress")?.offset ?? 0
        horizon = Float(max(config.episode.horizon, 1))
        mapSize = Float(config.map.size)
        visionRadius = Float(max(config.observation.visionRadius, 1))
    }

    /// Whether the record's agent is alive.
    @inline(__always) public func isAlive(_ record: UnsafeRawPointer) -> Bool {
        (record + selfOffset).assumingMemoryBound(to: Int16.self)[SelfColumn.alive.rawValue] != 0
    }

    /// The record's task index (0 without a curriculum).
    @inline(__always) public func taskIndex(_ record: UnsafeRawPointer) -> Int {
        hasTask ? Int((record + taskOffset).assumingMemoryBound(to: Int32.self).pointee) : 0
    }

    /// Writes row `row` of `batch` from one agent's record.
    public func write(_ record: UnsafeRawPointer, row: Int, into batch: FeatureBatch) {
        let me = (record + selfOffset).assumingMemoryBound(to: Int16.self)
        let myID = me[SelfColumn.id.rawValue]
        writeSelf(record, me, batch.selfFeatures.row(row))
        writeEntities(record, myID: myID, batch: batch, row: row)
        writeInventory(record, batch: batch, row: row)
        writeMarket(record, batch.market.row(row))
        batch.tasks[row] = Int32(taskIndex(record))
    }

    /// Writes row `row` of `batch` as no agent at all: every feature 0, no entities, an empty
    /// inventory, task 0 (the update's padding rows, which carry no gradient).
    public func writeEmpty(row: Int, into batch: FeatureBatch) {
        (batch.tileIDs + row * side * side).update(repeating: 0, count: side * side)
        batch.selfFeatures.row(row).update(repeating: 0, count: Self.selfWidth)
        batch.entities.row(row * entityRows).update(repeating: 0, count: entityRows * Self.entityWidth)
        (batch.entityMask + row * entityRows).update(repeating: 0, count: entityRows)
        batch.inventory.row(row * inventoryRows).update(repeating: 0, count: inventoryRows * Self.inventoryWidth)
        (batch.inventoryMask + row * inventoryRows).update(repeating: 0, count: inventoryRows)
        batch.market.row(row).update(repeating: 0, count: marketEntries * Self.marketWidth)
        batch.tasks[row] = 0
    }

    private func writeSelf(_ record: UnsafeRawPointer, _ me: UnsafePointer<Int16>, _ out: UnsafeMutablePointer<Float>) {
        func column(_ c: SelfColumn) -> Float { Float(me[c.rawValue]) }
        var index = 0
        @inline(__always) func put(_ value: Float) { out[index] = value; index += 1 }
        put(column(.health) / 100); put(column(.food) / 100); put(column(.water) / 100)
        put(column(.row) / mapSize); put(column(.col) / mapSize)
        put(column(.timeAlive) / horizon); put(column(.farthest) / 64); put(log1pScaled(column(.gold)))
        put(column(.inCombat)); put(column(.spawnImmune)); put(column(.highestLevel) / 10); put(column(.damageTaken) / 20)
        put(column(.meleeOffense) / 50); put(column(.rangeOffense) / 50); put(column(.mageOffense) / 50)
        put(column(.meleeDefense) / 50); put(column(.rangeDefense) / 50); put(column(.mageDefense) / 50)
        put(Float((record + tickOffset).assumingMemoryBound(to: Int32.self).pointee) / horizon)
        let skills = (record + skillsOffset).assumingMemoryBound(to: Int16.self)
        for skill in 0..<Skill.count {
            put(Float(skills[2 * skill]) / 10)
            put(log1pScaled(Float(skills[2 * skill + 1])))
        }
        let equipment = (record + equipmentOffset).assumingMemoryBound(to: Int16.self)
        for slot in 0..<EquipmentSlot.count { put(equipment[slot] >= 0 ? 1 : 0) }
        put(hasTask ? (record + progressOffset).assumingMemoryBound(to: Float.self).pointee : 0)
    }

    private func writeEntities(_ record: UnsafeRawPointer, myID: Int16, batch: FeatureBatch, row: Int) {
        let entities = (record + entitiesOffset).assumingMemoryBound(to: Int16.self)
        let tiles = (record + tilesOffset).assumingMemoryBound(to: UInt8.self)
        let ids = batch.tileIDs + row * side * side
        for tile in 0..<side * side { ids[tile] = Int32(tiles[tile]) }
        let radius = side / 2
        for entity in 0..<entityRows {
            let e = entities + entity * entityColumns
            let out = batch.entities.row(row * entityRows + entity)
            func column(_ c: EntityColumn) -> Float { Float(e[c.rawValue]) }
            guard e[EntityColumn.id.rawValue] != 0 else {
                out.update(repeating: 0, count: Self.entityWidth)
                batch.entityMask[row * entityRows + entity] = 0
                continue
            }
            batch.entityMask[row * entityRows + entity] = 1
            let kind = Int(e[EntityColumn.kind.rawValue])
            let sameTeam = e[EntityColumn.sameTeam.rawValue] != 0
            for k in 0..<5 { out[k] = 0 }
            out[min(max(kind, 0), 4)] = 1
            var index = 5
            @inline(__always) func put(_ value: Float) { out[index] = value; index += 1 }
            put(column(.dRow) / visionRadius); put(column(.dCol) / visionRadius)
            put(column(.health) / 100); put(column(.food) / 100); put(column(.water) / 100)
            put(sameTeam ? 1 : 0); put(column(.level) / 10); put(column(.mainStyle) / 3)
            put(column(.inCombat)); put(column(.spawnImmune))
            put(e[EntityColumn.attackerId.rawValue] == myID ? 1 : 0)
            put(column(.damageTaken) / 20); put(column(.attackable))
            // The occupant code of the entity's tile in the tile window.
            let tileRow = Int(e[EntityColumn.dRow.rawValue]) + radius, tileCol = Int(e[EntityColumn.dCol.rawValue]) + radius
            if tileRow >= 0, tileRow < side, tileCol >= 0, tileCol < side {
                let occupant = kind == 1 ? (sameTeam ? 1 : 2) : min(max(kind + 1, 3), 5)
                ids[tileRow * side + tileCol] = Int32(Int(tiles[tileRow * side + tileCol]) + Material.count * occupant)
            }
        }
    }

    private func writeInventory(_ record: UnsafeRawPointer, batch: FeatureBatch, row: Int) {
        let inventory = (record + inventoryOffset).assumingMemoryBound(to: Int16.self)
        for slot in 0..<inventoryRows {
            let item = inventory + slot * inventoryColumns
            let out = batch.inventory.row(row * inventoryRows + slot)
            out.update(repeating: 0, count: Self.inventoryWidth)
            let kind = Int(item[InventoryColumn.kind.rawValue])
            guard kind != 0 else { batch.inventoryMask[row * inventoryRows + slot] = 0; continue }
            batch.inventoryMask[row * inventoryRows + slot] = 1
            out[min(max(kind - 2, 0), ItemKind.count)] = 1
            var index = ItemKind.count + 1
            func column(_ c: InventoryColumn) -> Float { Float(item[c.rawValue]) }
            @inline(__always) func put(_ value: Float) { out[index] = value; index += 1 }
            put(column(.level) / 10); put(log1pScaled(column(.quantity))); put(column(.equipped))
            put(column(.listedPrice) > 0 ? 1 : 0); put(column(.listedPrice) / 100)
            put(column(.meleeAttack) / 50); put(column(.rangeAttack) / 50); put(column(.mageAttack) / 50)
            put(column(.meleeDefense) / 50); put(column(.rangeDefense) / 50); put(column(.mageDefense) / 50)
            put((column(.resourceRestore) + column(.healthRestore)) / 100)
        }
    }

    private func writeMarket(_ record: UnsafeRawPointer, _ out: UnsafeMutablePointer<Float>) {
        let market = (record + marketOffset).assumingMemoryBound(to: Int16.self)
        for entry in 0..<marketEntries {
            out[2 * entry] = Float(market[2 * entry]) / 100
            out[2 * entry + 1] = log1pScaled(Float(market[2 * entry + 1]))
        }
    }

    /// log(1 + x) / 5 for counts with a long tail (gold, experience, quantities).
    @inline(__always) private func log1pScaled(_ value: Float) -> Float {
        value > 0 ? log(1 + value) / 5 : 0
    }
}
