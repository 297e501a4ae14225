/// Turns the successive states of a world into tick records (see `ReplayFormat`): a keyframe every
/// `keyframeInterval` ticks, and in between deltas against the previous tick's state.
///
/// It keeps the previous tick's entity states and tile materials, and scratch buffers for what
/// changed that keep their storage from tick to tick, so encoding a tick allocates only while a
/// buffer grows past its largest size so far.
struct ReplayEncoder {
    /// The episode's map: keyframes list the tiles that differ from it.
    private let mapMaterials: [UInt8]
    /// Every slot's state as of the last encoded tick.
    private var entities: [ReplayEntity]
    /// Every tile's material as of the last encoded tick.
    private var materials: [UInt8]
    /// The entries of the changed slots, which follow their count in a delta record.
    private var changedEntities = ByteWriter()
    /// Indices of the tiles listed in the record being encoded.
    private var changedTiles: [Int] = []
    /// Every slot's details as of the last encoded tick, and as of this tick (see `ReplayDetails`).
    private var details: [Int32]
    private var currentDetails: [Int32]
    private let detailColumns: Int

    /// An encoder for recordings of `world`'s current episode.
    init(world: World) {
        mapMaterials = world.map.materials
        materials = mapMaterials
        entities = [ReplayEntity](repeating: .empty, count: world.entities.capacity)
        detailColumns = ReplayDetails.columnCount(inventorySlots: world.inventory.slots)
        details = [Int32](repeating: 0, count: world.entities.capacity * detailColumns)
        currentDetails = details
    }

    /// Appends the record of the world's current tick.
    mutating func encode(_ world: World, into writer: inout ByteWriter) {
        let keyframe = ReplayFormat.isKeyframe(tick: world.tick)
        writer.u8(keyframe ? ReplayFormat.keyframeRecord : ReplayFormat.deltaRecord)
        writer.varint(UInt64(world.tick))
        if keyframe {
            encodeAllEntities(of: world.entities, into: &writer)
        } else {
            encodeChangedEntities(of: world.entities, into: &writer)
        }
        encodeDetails(world, keyframe: keyframe, into: &writer)
        encodeTiles(world.tiles, keyframe: keyframe, into: &writer)
        encodeEvents(world.events.events, into: &writer)
    }

    /// Keyframe: every slot's details. Delta: per changed slot, the changed columns as deltas.
    private mutating func encodeDetails(_ world: World, keyframe: Bool, into writer: inout ByteWriter) {
        ReplayDetails.capture(world, into: &currentDetails)
        defer { swap(&details, &currentDetails) }
        if keyframe {
            for value in currentDetails { writer.svarint(Int64(value)) }
            return
        }
        changedEntities.removeAll()
        var changedSlots = 0
        var previousSlot = -1
        for slot in 0..<entities.count {
            let base = slot * detailColumns
            var changedColumns = 0
            for column in 0..<detailColumns where currentDetails[base + column] != details[base + column] { changedColumns += 1 }
            guard changedColumns > 0 else { continue }
            changedEntities.varint(UInt64(slot - previousSlot - 1))
            changedEntities.varint(UInt64(changedColumns))
            var previousColumn = -1
            for column in 0..<detailColumns where currentDetails[base + column] != details[base + column] {
                changedEntities.varint(UInt64(column - previousColumn - 1))
                changedEntities.svarint(Int64(currentDetails[base + column]) - Int64(details[base + column]))
                previousColumn = column
            }
            previousSlot = slot
            changedSlots += 1
        }
        writer.varint(UInt64(changedSlots))
        writer.append(changedEntities.bytes)
    }

    private mutating func encodeAllEntities(of table: EntityTable, into writer: inout ByteWriter) {
        for slot in 0..<entities.count {
            let entity = ReplayEntity(slot: slot, of: table)
            writer.u8(entity.kind.rawValue)
            writer.u8(entity.alive ? 1 : 0)
            writer.svarint(Int64(entity.row))
            writer.svarint(Int64(entity.col))
            writer.svarint(Int64(entity.health))
            writer.svarint(Int64(entity.food))
            writer.svarint(Int64(entity.water))
            writer.svarint(Int64(entity.team))
            entities[slot] = entity
        }
    }

    private mutating func encodeChangedEntities(of table: EntityTable, into writer: inout ByteWriter) {
        changedEntities.removeAll()
        var changedCount = 0
        var previousSlot = -1
        for slot in 0..<entities.count {
            let new = ReplayEntity(slot: slot, of: table)
            let old = entities[slot]
            guard new != old else { continue }
            let change = EntityChange(from: old, to: new)
            changedEntities.varint(UInt64(slot - previousSlot - 1))
            changedEntities.u8(change.rawValue)
            if change.contains(.row) { changedEntities.svarint(Int64(new.row) - Int64(old.row)) }
            if change.contains(.col) { changedEntities.svarint(Int64(new.col) - Int64(old.col)) }
            if change.contains(.health) { changedEntities.svarint(Int64(new.health) - Int64(old.health)) }
            if change.contains(.food) { changedEntities.svarint(Int64(new.food) - Int64(old.food)) }
            if change.contains(.water) { changedEntities.svarint(Int64(new.water) - Int64(old.water)) }
            if change.contains(.kind) { changedEntities.u8(new.kind.rawValue) }
            if change.contains(.team) { changedEntities.svarint(Int64(new.team)) }
            entities[slot] = new
            previousSlot = slot
            changedCount += 1
        }
        writer.varint(UInt64(changedCount))
        writer.append(changedEntities.bytes)
    }

    /// Keyframe: the tiles that differ from the map. Delta: the tiles that changed since the last tick.
    private mutating func encodeTiles(_ tiles: TileState, keyframe: Bool, into writer: inout ByteWriter) {
        let live = UnsafePointer(tiles.materials.base)
        changedTiles.removeAll(keepingCapacity: true)
        Self.collectDifferences(between: live, and: keyframe ? mapMaterials : materials, into: &changedTiles)
        writer.varint(UInt64(changedTiles.count))
        var previousIndex = -1
        for index in changedTiles {
            writer.varint(UInt64(index - previousIndex - 1))
            writer.u8(live[index])
            previousIndex = index
        }
        if keyframe {
            materials.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: live, count: $0.count) }
        } else {
            for index in changedTiles { materials[index] = live[index] }
        }
    }

    private func encodeEvents(_ events: [Event], into writer: inout ByteWriter) {
        writer.varint(UInt64(events.count))
        for event in events {
            writer.u8(event.kind.rawValue)
            writer.varint(UInt64(UInt32(bitPattern: event.entity)))
            writer.svarint(Int64(event.type))
            writer.svarint(Int64(event.level))
            writer.svarint(Int64(event.number))
            writer.svarint(Int64(event.gold))
            writer.svarint(Int64(event.target))
        }
    }

    /// Appends, in increasing order, every index at which `live` and `reference` hold different
    /// bytes. Most ticks change a handful of tiles, so it compares 32-byte blocks first and looks
    /// at single bytes only inside blocks that differ.
    private static func collectDifferences(between live: UnsafePointer<UInt8>, and reference: [UInt8], into indices: inout [Int]) {
        reference.withUnsafeBufferPointer { known in
            let count = known.count
            let liveBytes = UnsafeRawPointer(live)
            let knownBytes = UnsafeRawPointer(known.baseAddress!)
            var start = 0
            while start < count {
                let end = min(start + 32, count)
                var differs = end - start < 32
                if !differs {
                    var mix: UInt64 = 0
                    for offset in stride(from: start, to: end, by: 8) {
                        mix |= liveBytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ knownBytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    }
                    differs = mix != 0
                }
                if differs {
                    for index in start..<end where live[index] != known[index] { indices.append(index) }
                }
                start = end
            }
        }
    }
}
