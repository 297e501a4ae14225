/// The state a replay describes, advanced one tick record at a time (see `ReplayFormat`).
///
/// `Replay.decode` plays every record through one playback to check the whole file; `Replay.frame`
/// starts a fresh one at the keyframe before the requested tick. Every value read is checked, so a
/// malformed record throws instead of producing an impossible state.
struct ReplayPlayback {
    private let file: String
    private let mapMaterials: [UInt8]
    /// Every slot's state at the last applied tick.
    private(set) var entities: [ReplayEntity]
    /// Every tile's material at the last applied tick.
    private(set) var materials: [UInt8]
    /// The events of the last applied tick.
    private(set) var events: [Event] = []
    /// Every slot's `ReplayDetails` values at the last applied tick; empty for format 1.
    private(set) var details: [Int32]
    private let detailColumns: Int
    /// Every player's task at the last applied tick; nil when the file records no tasks.
    private(set) var tasks: ReplayTaskDecoder?

    /// A playback of format `version` records for an episode on `map` with
    /// `slotCount` entity slots and `inventorySlots` inventory slots per player. When the records
    /// carry tasks, `taskPlayers` is the player count and `taskNames` the string table known so far
    /// (empty when playing from tick 0, complete when seeking); otherwise `taskPlayers` is nil.
    init(file: String, version: Int, map: GameMap, slotCount: Int, inventorySlots: Int, taskPlayers: Int?, taskNames: [String]) {
        self.file = file
        mapMaterials = map.materials
        materials = map.materials
        entities = [ReplayEntity](repeating: .empty, count: slotCount)
        detailColumns = ReplayDetails.columnCount(inventorySlots: inventorySlots)
        details = version >= 2 ? [Int32](repeating: 0, count: slotCount * detailColumns) : []
        tasks = taskPlayers.map { ReplayTaskDecoder(names: taskNames, playerCount: $0) }
    }

    /// Applies the record of `tick`, which must fill exactly `bytes[range]` (of the file, or of its
    /// decompressed block). A delta record applies to the state of tick - 1; a keyframe replaces
    /// the whole state.
    mutating func apply(tick: Int, bytes: [UInt8], range: Range<Int>) throws(ReplayError) {
        var reader = ByteReader(bytes, range: range, file: file, region: "tick record \(tick)")
        let keyframe = ReplayFormat.isKeyframe(tick: tick)
        let type = try reader.u8()
        let expectedType = keyframe ? ReplayFormat.keyframeRecord : ReplayFormat.deltaRecord
        guard type == expectedType else {
            throw corrupt(tick, "record type is \(type), expected \(expectedType)")
        }
        let recordedTick = try reader.varint()
        guard recordedTick == UInt64(tick) else {
            throw corrupt(tick, "the record says it is tick \(recordedTick)")
        }
        if keyframe {
            try readAllEntities(&reader, tick: tick)
            let map = mapMaterials
            materials.withUnsafeMutableBufferPointer { live in
                map.withUnsafeBufferPointer { live.baseAddress!.update(from: $0.baseAddress!, count: $0.count) }
            }
        } else {
            try readChangedEntities(&reader, tick: tick)
        }
        if !details.isEmpty { try readDetails(&reader, tick: tick, keyframe: keyframe) }
        try readTiles(&reader, tick: tick)
        try readEvents(&reader, tick: tick)
        try tasks?.read(&reader, keyframe: keyframe)
        guard reader.remaining == 0 else {
            throw corrupt(tick, "\(ReplayError.bytes(reader.remaining)) left over after the \(tasks == nil ? "events" : "tasks")")
        }
    }

    private mutating func readAllEntities(_ reader: inout ByteReader, tick: Int) throws(ReplayError) {
        for slot in 0..<entities.count {
            let kindByte = try reader.u8()
            guard let kind = EntityKind(rawValue: kindByte) else {
                throw corrupt(tick, "slot \(slot) has unknown entity kind \(kindByte)")
            }
            let aliveByte = try reader.u8()
            guard aliveByte <= 1 else {
                throw corrupt(tick, "slot \(slot) has alive flag \(aliveByte), expected 0 or 1")
            }
            entities[slot] = ReplayEntity(
                kind: kind, alive: aliveByte == 1,
                row: try int32(&reader, tick, "row of slot \(slot)"),
                col: try int32(&reader, tick, "col of slot \(slot)"),
                health: try int32(&reader, tick, "health of slot \(slot)"),
                food: try int32(&reader, tick, "food of slot \(slot)"),
                water: try int32(&reader, tick, "water of slot \(slot)"),
                team: try int32(&reader, tick, "team of slot \(slot)")
            )
        }
    }

    private mutating func readChangedEntities(_ reader: inout ByteReader, tick: Int) throws(ReplayError) {
        let count = try reader.varint()
        guard count <= UInt64(entities.count) else {
            throw corrupt(tick, "\(count) changed slots listed, but there are only \(entities.count)")
        }
        var slot = -1
        for _ in 0..<Int(count) {
            slot = try reader.nextIndex(after: slot, below: entities.count, "a changed slot")
            let change = EntityChange(rawValue: try reader.u8())
            var entity = entities[slot]
            if change.contains(.row) { entity.row = try shifted(entity.row, &reader, tick, "row of slot \(slot)") }
            if change.contains(.col) { entity.col = try shifted(entity.col, &reader, tick, "col of slot \(slot)") }
            if change.contains(.health) { entity.health = try shifted(entity.health, &reader, tick, "health of slot \(slot)") }
            if change.contains(.food) { entity.food = try shifted(entity.food, &reader, tick, "food of slot \(slot)") }
            if change.contains(.water) { entity.water = try shifted(entity.water, &reader, tick, "water of slot \(slot)") }
            if change.contains(.alive) { entity.alive.toggle() }
            if change.contains(.kind) {
                let kindByte = try reader.u8()
                guard let kind = EntityKind(rawValue: kindByte) else {
                    throw corrupt(tick, "slot \(slot) changes to unknown entity kind \(kindByte)")
                }
                entity.kind = kind
            }
            if change.contains(.team) { entity.team = try int32(&reader, tick, "team of slot \(slot)") }
            entities[slot] = entity
        }
    }

    private mutating func readDetails(_ reader: inout ByteReader, tick: Int, keyframe: Bool) throws(ReplayError) {
        if keyframe {
            for index in 0..<details.count { details[index] = try int32(&reader, tick, "detail \(index % detailColumns) of slot \(index / detailColumns)") }
            return
        }
        let count = try reader.varint()
        guard count <= UInt64(entities.count) else {
            throw corrupt(tick, "\(count) slots with changed details listed, but there are only \(entities.count)")
        }
        var slot = -1
        for _ in 0..<Int(count) {
            slot = try reader.nextIndex(after: slot, below: entities.count, "a slot with changed details")
            let columns = try reader.varint()
            guard columns >= 1, columns <= UInt64(detailColumns) else {
                throw corrupt(tick, "slot \(slot) lists \(columns) changed details, expected 1...\(detailColumns)")
            }
            var column = -1
            for _ in 0..<Int(columns) {
                column = try reader.nextIndex(after: column, below: detailColumns, "a changed detail of slot \(slot)")
                let index = slot * detailColumns + column
                details[index] = try shifted(details[index], &reader, tick, "detail \(column) of slot \(slot)")
            }
        }
    }

    private mutating func readTiles(_ reader: inout ByteReader, tick: Int) throws(ReplayError) {
        let count = try reader.varint()
        guard count <= UInt64(materials.count) else {
            throw corrupt(tick, "\(count) tile changes listed, but the map has only \(materials.count) tiles")
        }
        var index = -1
        for _ in 0..<Int(count) {
            index = try reader.nextIndex(after: index, below: materials.count, "a changed tile")
            let material = try reader.u8()
            guard Int(material) < Material.count else {
                throw corrupt(tick, "tile \(index) changes to unknown material \(material)")
            }
            materials[index] = material
        }
    }

    private mutating func readEvents(_ reader: inout ByteReader, tick: Int) throws(ReplayError) {
        let count = try reader.varint()
        // Every event takes at least 7 bytes; a larger count cannot fit in the record.
        guard count <= UInt64(reader.remaining / 7) else {
            throw corrupt(tick, "\(count) events listed, more than the record can hold")
        }
        events.removeAll(keepingCapacity: true)
        for number in 0..<Int(count) {
            let kindByte = try reader.u8()
            guard let kind = EventKind(rawValue: kindByte) else {
                throw corrupt(tick, "event \(number) has unknown kind \(kindByte)")
            }
            let entity = try reader.varint()
            guard let slotPattern = UInt32(exactly: entity) else {
                throw corrupt(tick, "event \(number) has entity \(entity), which does not fit 32 bits")
            }
            events.append(Event(
                tick: Int32(tick), kind: kind, entity: Int32(bitPattern: slotPattern),
                type: try int16(&reader, tick, "type of event \(number)"),
                level: try int16(&reader, tick, "level of event \(number)"),
                number: try int32(&reader, tick, "number of event \(number)"),
                gold: try int32(&reader, tick, "gold of event \(number)"),
                target: try int32(&reader, tick, "target of event \(number)")
            ))
        }
    }

    /// `value` plus a signed varint delta, which must land in the 32-bit range.
    private func shifted(_ value: Int32, _ reader: inout ByteReader, _ tick: Int, _ field: @autoclosure () -> String) throws(ReplayError) -> Int32 {
        let (sum, overflow) = Int64(value).addingReportingOverflow(try reader.svarint())
        guard !overflow, let result = Int32(exactly: sum) else {
            throw corrupt(tick, "\(field()) leaves the 32-bit range")
        }
        return result
    }

    private func int32(_ reader: inout ByteReader, _ tick: Int, _ field: @autoclosure () -> String) throws(ReplayError) -> Int32 {
        let value = try reader.svarint()
        guard let result = Int32(exactly: value) else {
            throw corrupt(tick, "\(field()) is \(value), outside the 32-bit range")
        }
        return result
    }

    private func int16(_ reader: inout ByteReader, _ tick: Int, _ field: @autoclosure () -> String) throws(ReplayError) -> Int16 {
        let value = try reader.svarint()
        guard let result = Int16(exactly: value) else {
            throw corrupt(tick, "\(field()) is \(value), outside the 16-bit range")
        }
        return result
    }

    private func corrupt(_ tick: Int, _ detail: String) -> ReplayError {
        ReplayError(file: file, message: "corrupt tick record \(tick): \(detail)")
    }
}
