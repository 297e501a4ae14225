/// The state a replay describes, advanced one tick record at a time (see `ReplayFormat`).
///
/// `Replay.decode` plays every record through one playback to check the whole file; `Replay.frame`
/// starts a fresh one at the keyframe before the requested tick. Every value read is checked,
/// against its type and against the range the config allows (`ReplayValueRanges`), so a
/// malformed record throws instead of producing an impossible state.
struct ReplayPlayback {
    private let file: String
    private let ranges: ReplayValueRanges
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

    /// A playback of format `version` records for an episode on `map` whose values lie in
    /// `ranges` (which also give the entity slots and inventory slots). When the records carry
    /// tasks, `taskPlayers` is the player count and `taskNames` the string table known so far
    /// (empty when playing from tick 0, complete when seeking); otherwise `taskPlayers` is nil.
    init(file: String, version: Int, map: GameMap, ranges: ReplayValueRanges, taskPlayers: Int?, taskNames: [String]) {
        self.file = file
        self.ranges = ranges
        mapMaterials = map.materials
        materials = map.materials
        entities = [ReplayEntity](repeating: .empty, count: ranges.slotCount)
        detailColumns = ReplayDetails.columnCount(inventorySlots: ranges.inventorySlots)
        details = version >= 2 ? [Int32](repeating: 0, count: ranges.slotCount * detailColumns) : []
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
                row: try Self.int32(&reader, in: ranges.position, "row of slot \(slot)"),
                col: try Self.int32(&reader, in: ranges.position, "col of slot \(slot)"),
                health: try Self.int32(&reader, in: ranges.health(ofSlot: slot), "health of slot \(slot)"),
                food: try Self.int32(&reader, in: ranges.food, "food of slot \(slot)"),
                water: try Self.int32(&reader, in: ranges.water, "water of slot \(slot)"),
                team: try Self.int32(&reader, in: ranges.team, "team of slot \(slot)")
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
            if change.contains(.row) { entity.row = try Self.shifted(entity.row, &reader, in: ranges.position, "row of slot \(slot)") }
            if change.contains(.col) { entity.col = try Self.shifted(entity.col, &reader, in: ranges.position, "col of slot \(slot)") }
            if change.contains(.health) { entity.health = try Self.shifted(entity.health, &reader, in: ranges.health(ofSlot: slot), "health of slot \(slot)") }
            if change.contains(.food) { entity.food = try Self.shifted(entity.food, &reader, in: ranges.food, "food of slot \(slot)") }
            if change.contains(.water) { entity.water = try Self.shifted(entity.water, &reader, in: ranges.water, "water of slot \(slot)") }
            if change.contains(.alive) { entity.alive.toggle() }
            if change.contains(.kind) {
                let kindByte = try reader.u8()
                guard let kind = EntityKind(rawValue: kindByte) else {
                    throw corrupt(tick, "slot \(slot) changes to unknown entity kind \(kindByte)")
                }
                entity.kind = kind
            }
            if change.contains(.team) { entity.team = try Self.int32(&reader, in: ranges.team, "team of slot \(slot)") }
            entities[slot] = entity
        }
    }

    private mutating func readDetails(_ reader: inout ByteReader, tick: Int, keyframe: Bool) throws(ReplayError) {
        if keyframe {
            var index = 0
            for slot in 0..<entities.count {
                for column in 0..<detailColumns {
                    let value = try reader.svarint()
                    guard ranges.allows(value, inDetail: column) else { throw detailError(value, column: column, slot: slot, tick) }
                    details[index] = Int32(truncatingIfNeeded: value)
                    index += 1
                }
            }
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
                let value = try Self.sum(details[index], &reader, ReplayDetails.columnName(column) + " of slot \(slot)")
                guard ranges.allows(value, inDetail: column) else { throw detailError(value, column: column, slot: slot, tick) }
                details[index] = Int32(truncatingIfNeeded: value)
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
            let slot = Int32(bitPattern: slotPattern)
            guard slot >= 0, slot < ranges.slotCount else {
                throw corrupt(tick, "event \(number)'s entity is \(slot), outside the slots 0...\(ranges.slotCount - 1)")
            }
            events.append(Event(
                tick: Int32(tick), kind: kind, entity: slot,
                type: try Self.int16(&reader, "type of event \(number)"),
                level: try Self.int16(&reader, "level of event \(number)"),
                number: try Self.int32(&reader, in: Int32.min...Int32.max, "number of event \(number)"),
                gold: try Self.int32(&reader, in: Int32.min...Int32.max, "gold of event \(number)"),
                target: try Self.int32(&reader, in: ranges.target, "event \(number)'s target")
            ))
        }
    }

    // The readers of single values are static, taking only the reader (whose errors name the
    // file and the tick record): a method would be handed a copy of the whole playback.

    /// `value` plus a signed varint delta, which must land in `range`.
    private static func shifted(_ value: Int32, _ reader: inout ByteReader, in range: ClosedRange<Int32>, _ field: @autoclosure () -> String) throws(ReplayError) -> Int32 {
        try checked(try sum(value, &reader, field()), &reader, in: range, field())
    }

    /// `value` plus a signed varint delta.
    private static func sum(_ value: Int32, _ reader: inout ByteReader, _ field: @autoclosure () -> String) throws(ReplayError) -> Int64 {
        let (sum, overflow) = Int64(value).addingReportingOverflow(try reader.svarint())
        guard !overflow else {
            throw reader.corrupt("\(field()) leaves the 64-bit range")
        }
        return sum
    }

    /// A signed varint, which must lie in `range`.
    private static func int32(_ reader: inout ByteReader, in range: ClosedRange<Int32>, _ field: @autoclosure () -> String) throws(ReplayError) -> Int32 {
        try checked(try reader.svarint(), &reader, in: range, field())
    }

    @inline(__always)
    private static func checked(_ value: Int64, _ reader: inout ByteReader, in range: ClosedRange<Int32>, _ field: @autoclosure () -> String) throws(ReplayError) -> Int32 {
        guard value >= Int64(range.lowerBound), value <= Int64(range.upperBound) else {
            throw reader.corrupt("\(field()) is \(value), outside \(range.lowerBound)...\(range.upperBound)")
        }
        return Int32(truncatingIfNeeded: value)
    }

    private static func int16(_ reader: inout ByteReader, _ field: @autoclosure () -> String) throws(ReplayError) -> Int16 {
        let value = try reader.svarint()
        guard let result = Int16(exactly: value) else {
            throw reader.corrupt("\(field()) is \(value), outside the 16-bit range")
        }
        return result
    }

    /// The error for `value`, which `ranges` does not allow in the `ReplayDetails` `column` of `slot`.
    private func detailError(_ value: Int64, column: Int, slot: Int, _ tick: Int) -> ReplayError {
        let field = "\(ReplayDetails.columnName(column)) of slot \(slot) is \(value)"
        guard !ranges.holdsItemKind[column] else {
            let kinds = ItemKind.allCases.map(\.rawValue)
            return corrupt(tick, "\(field), which is no item kind (0 for none, \(kinds.min()!)...\(kinds.max()!))")
        }
        let range = ranges.details[column]
        return corrupt(tick, "\(field), outside \(range.lowerBound)...\(range.upperBound)")
    }

    private func corrupt(_ tick: Int, _ detail: String) -> ReplayError {
        ReplayError(file: file, message: "corrupt tick record \(tick): \(detail)")
    }
}
