import MMOCore
import MMOTasks

/// Writes every agent's observation record and action masks for one environment, and remembers
/// which entity each observed row shows, so that target choices can be decoded.
///
/// Owns its scratch space (the entity cell index, the nearest-entity list, the market summary),
/// allocated once, so writing allocates nothing. One writer per environment; writers of different
/// environments run on different threads.
final class ObservationWriter {
    let layout: ObservationLayout
    let actions: ActionLayout
    let radius: Int
    /// Entity rows per agent.
    let entityRows: Int
    let offsets: SegmentOffsets
    /// Each action head's place in a mask row.
    let heads: HeadOffsets
    /// Living entities by map cell, rebuilt before each write.
    let cells: EntityCellIndex
    /// Every living entity's observer-independent row, rebuilt before each write.
    let sharedRows: SharedEntityRows
    /// The state-independent parts of mask rows.
    let maskTemplates: MaskTemplates
    /// The stat columns of every item kind and level.
    let itemStats: ItemStatRows
    /// Byte offsets of the 8-byte words holding padding between the per-agent segments before the
    /// market: a living agent's segments are written whole, so only these need zeroing.
    let paddingWords: FixedArray<Int32>
    /// The nearest entities found so far for one agent, as sorted keys `distance << 20 | slot`.
    let nearest: FixedArray<UInt32>
    /// The market segment, identical for every agent of the environment, built once per write.
    let marketSummary: FixedArray<Int16>
    /// Market entries with at least one listing, and how many there are.
    let activeEntries: FixedArray<Int32>
    /// How many of `activeEntries` are in use (a cell: read for every agent, no exclusivity checks).
    let activeEntryCountCell = UnmanagedCell(0)
    var activeEntryCount: Int {
        get { activeEntryCountCell.value }
        set { activeEntryCountCell.value = newValue }
    }
    /// Mask bytes per agent.
    var maskWidth: Int { actions.maskWidth }
    /// Bytes of the comm segment (0 without it).
    let commBytes: Int

    init(config: Config, layout: ObservationLayout, actions: ActionLayout) {
        precondition(Skill.count == 8 && SkillColumn.allCases.map(\.rawValue) == [0, 1],
                     "writeSkills writes eight (level, experience) rows as two interleaved 8-lane vectors")
        self.layout = layout
        self.actions = actions
        radius = config.observation.visionRadius
        entityRows = config.observation.entities
        offsets = SegmentOffsets(layout)
        commBytes = layout.segment(named: "comm")?.byteCount ?? 0
        heads = HeadOffsets(actions)
        cells = EntityCellIndex(mapSize: config.map.size, capacity: config.players.count + config.npcs.count)
        sharedRows = SharedEntityRows(capacity: config.players.count + config.npcs.count)
        itemStats = ItemStatRows(rules: config.items)
        maskTemplates = MaskTemplates(heads: heads, width: actions.maskWidth, config: config)
        let marketOffset = layout.segment(named: "market")!.offset
        let padded = layout.segments.filter { $0.offset < marketOffset && $0.byteCount % 8 != 0 }
        paddingWords = FixedArray(repeating: 0, count: padded.count)
        for (index, segment) in padded.enumerated() { paddingWords[index] = Int32(segment.offset + segment.byteCount / 8 * 8) }
        nearest = FixedArray(repeating: 0, count: max(entityRows, 1))
        marketSummary = FixedArray(repeating: 0, count: MarketBoard.entryCount * ObservationLayout.marketColumns.count)
        activeEntries = FixedArray(repeating: 0, count: MarketBoard.entryCount)
    }

    deinit {
        nearest.deallocate()
        itemStats.deallocate()
        heads.deallocate()
        maskTemplates.deallocate()
        paddingWords.deallocate()
        marketSummary.deallocate()
        activeEntries.deallocate()
        activeEntryCountCell.deallocate()
    }

    /// Writes records for all players of `world` starting at `observations` (one record of
    /// `layout.bytesPerAgent` bytes per player slot), mask rows starting at `masks`, and the entity
    /// slot shown in each entity row (or -1) starting at `rowSlots`.
    /// With `tasks`, each record also gets the agent's task index and progress and, when the layout
    /// has a `task_embedding` segment, the spec's row of `embeddings` (`embeddingDimension`
    /// half-precision floats per curriculum spec).
    func write(
        _ world: World, observations: UnsafeMutableRawPointer, masks: UnsafeMutablePointer<UInt8>, rowSlots: UnsafeMutablePointer<Int32>,
        tasks: TaskAssignment?, embeddings: UnsafePointer<Float16>?, embeddingDimension: Int
    ) {
        let stride = layout.bytesPerAgent
        cells.rebuild(world.entities)
        sharedRows.startWrite()
        buildMarketSummary(world)
        for slot in 0..<world.entities.playerCount {
            let record = observations + slot * stride
            let maskRow = masks + slot * maskWidth
            let shown = rowSlots + slot * entityRows
            let alive = world.entities.alive[slot] != 0
            // Zero what is not overwritten: a living agent's segments before the market are written
            // whole (unused entity rows and empty inventory rows as zeros), leaving only padding; a
            // dead agent's are mostly left out, so they are zeroed. Comm is zeroed, then filled.
            if alive {
                for word in 0..<paddingWords.count { record.storeBytes(of: 0 as UInt64, toByteOffset: Int(paddingWords[word]), as: UInt64.self) }
            } else {
                record.initializeMemory(as: UInt8.self, repeating: 0, count: offsets.market)
            }
            if let comm = offsets.comm { (record + comm).initializeMemory(as: UInt8.self, repeating: 0, count: commBytes) }
            shown.initialize(repeating: -1, count: entityRows)
            record.storeBytes(of: Int32(world.tick), toByteOffset: offsets.tick, as: Int32.self)
            writeSelf(world, slot: slot, into: record + offsets.selfState)
            writeSkills(world, slot: slot, into: (record + offsets.skills).assumingMemoryBound(to: Int16.self))
            writeMarket(into: (record + offsets.market).assumingMemoryBound(to: Int16.self))
            if let tasks, let task = offsets.task, let progress = offsets.taskProgress {
                let index = Int(tasks.specIndex[slot])
                record.storeBytes(of: Int32(index), toByteOffset: task, as: Int32.self)
                record.storeBytes(of: tasks.progress[slot], toByteOffset: progress, as: Float.self)
                if let embeddings, let embedding = offsets.taskEmbedding {
                    (record + embedding).assumingMemoryBound(to: Float16.self).update(from: embeddings + index * embeddingDimension, count: embeddingDimension)
                }
            }
            guard alive else {
                writeDeadMasks(into: maskRow)
                continue
            }
            writeTiles(world, slot: slot, into: (record + offsets.tiles).assumingMemoryBound(to: UInt8.self))
            let entityTable = (record + offsets.entities).assumingMemoryBound(to: Int16.self)
            let found = writeEntities(world, slot: slot, into: entityTable, shown: shown)
            writeInventory(world, slot: slot, into: (record + offsets.inventory).assumingMemoryBound(to: Int16.self))
            writeEquipment(world, slot: slot, into: (record + offsets.equipment).assumingMemoryBound(to: Int16.self))
            if let comm = offsets.comm { writeComm(world, slot: slot, into: (record + comm).assumingMemoryBound(to: Int16.self)) }
            writeMasks(world, slot: slot, found: found, entityTable: entityTable, into: maskRow)
        }
    }

    private func writeSelf(_ world: World, slot: Int, into raw: UnsafeMutableRawPointer) {
        let entities = world.entities
        let out = raw.assumingMemoryBound(to: Int16.self)
        func put(_ column: SelfColumn, _ value: Int) { out[column.rawValue] = Int16(truncatingIfNeeded: value) }
        put(.id, Int(entities.id(ofSlot: slot)))
        put(.alive, Int(entities.alive[slot]))
        guard entities.alive[slot] != 0 else { return }
        put(.row, Int(entities.row[slot]))
        put(.col, Int(entities.col[slot]))
        put(.health, Int(entities.health[slot]))
        put(.food, Int(entities.food[slot]))
        put(.water, Int(entities.water[slot]))
        put(.team, Int(entities.team[slot]))
        put(.timeAlive, world.tick - Int(entities.spawnTick[slot]))
        put(.farthest, Int(entities.farthest[slot]))
        put(.gold, Int(entities.gold[slot]))
        put(.inCombat, world.inCombat(slot) ? 1 : 0)
        put(.spawnImmune, world.isSpawnImmune(slot) ? 1 : 0)
        put(.highestLevel, Int(entities.highestLevel(slot)))
        put(.damageTaken, Int(entities.damageTaken[slot]))
        let profile = world.combatProfile(slot)
        put(.meleeOffense, Int(profile.offense[0]))
        put(.rangeOffense, Int(profile.offense[1]))
        put(.mageOffense, Int(profile.offense[2]))
        put(.meleeDefense, Int(profile.defense[0]))
        put(.rangeDefense, Int(profile.defense[1]))
        put(.mageDefense, Int(profile.defense[2]))
    }

    /// One (level, experience) row per skill: both columns of all eight skills converted and
    /// interleaved as two 8-lane vectors (the layout's skill table is exactly that shape).
    private func writeSkills(_ world: World, slot: Int, into out: UnsafeMutablePointer<Int16>) {
        let entities = world.entities
        let levels = UnsafeRawPointer(entities.skillLevel.base + slot &* Skill.count).loadUnaligned(as: SIMD8<Int32>.self)
        let experience = UnsafeRawPointer(entities.experience.base + slot &* Skill.count).loadUnaligned(as: SIMD8<Int32>.self)
        var rows = SIMD16<Int16>()
        rows.evenHalf = SIMD8(truncatingIfNeeded: levels)
        rows.oddHalf = SIMD8(truncatingIfNeeded: experience)
        UnsafeMutableRawPointer(out).storeBytes(of: rows, as: SIMD16<Int16>.self)
    }

    /// The (2r+1)^2 material window centred on the agent, row-major; tiles off the map read as Void.
    private func writeTiles(_ world: World, slot: Int, into out: UnsafeMutablePointer<UInt8>) {
        let size = world.size
        let row = Int(world.entities.row[slot])
        let col = Int(world.entities.col[slot])
        let side = 2 * radius + 1
        let materials = world.tiles.materials.base
        if row >= radius, col >= radius, row + radius < size, col + radius + 16 - side < size, (8...16).contains(side) {
            // Each window row but the last is copied as one 16-byte word, its excess bytes landing
            // in the next row, which overwrites them; the last row as two overlapping 8-byte words.
            var source = UnsafeRawPointer(materials + (row - radius) * size + (col - radius))
            var target = UnsafeMutableRawPointer(out)
            for _ in 0..<side - 1 {
                target.storeBytes(of: source.loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
                source += size
                target += side
            }
            target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: side - 8, as: UInt64.self), toByteOffset: side - 8, as: UInt64.self)
            return
        }
        for dr in -radius...radius {
            for dc in -radius...radius {
                let r = row + dr
                let c = col + dc
                let inside = r >= 0 && c >= 0 && r < size && c < size
                out[(dr + radius) * side + dc + radius] = inside ? materials[r * size + c] : Material.void.rawValue
            }
        }
    }
}
