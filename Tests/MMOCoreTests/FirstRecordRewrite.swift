import Foundation
import Testing
@testable import MMOCore

/// The values of the first tick record (a keyframe) of a replay without tasks, decoded so that a
/// test can change any of them and write the file again, offsets and checksum fixed: how the range
/// tests make files whose checksum is valid but whose values are impossible.
struct FirstRecordRewrite {
    /// Per slot: kind, alive, row, col, health, food, water, team.
    var entities: [[Int64]]
    /// `ReplayDetails.columnCount` values per slot, slot-major.
    var details: [Int64]
    /// Each changed tile's gap and material.
    var tiles: [(gap: UInt64, material: UInt8)]
    /// Per event: kind, entity (its 32-bit pattern), type, level, number, gold, target.
    var events: [[Int64]]

    /// Field positions in an `entities` row.
    static let row = 2, col = 3, health = 4, food = 5, water = 6, team = 7
    /// Field positions in an `events` row.
    static let eventEntity = 1, eventTarget = 6

    /// The format 4 file `bytes` with its first record's values changed by `change`.
    static func rewriting(_ bytes: [UInt8], _ change: (inout FirstRecordRewrite) -> Void) throws -> [UInt8] {
        let plain = try ReplayFixture.formatThree(bytes)
        let (recordsStart, index) = try ReplayFixture.recordIndex(of: plain, version: 3)
        let header = try ReplayHeader.read(from: plain, file: "probe").header
        let config = try ConfigFile.parse(Data(header.configJSON))
        var records: [[UInt8]] = []
        for block in 0..<index.blockCount {
            let (blockBytes, ranges) = try index.records(ofBlock: block, in: plain, named: "probe")
            records += ranges.map { Array(blockBytes[$0]) }
        }
        let columns = ReplayDetails.columnCount(inventorySlots: config.items.inventorySize)
        var first = try FirstRecordRewrite(decoding: records[0], slots: header.playerCount + header.npcCount, columns: columns)
        change(&first)
        records[0] = first.encoded()
        var file = Array(plain[0..<recordsStart])
        var offsets: [Int] = []
        for record in records {
            offsets.append(file.count)
            file += record
        }
        ReplayFixture.appendFooter(to: &file, offsets: offsets, tickCount: records.count)
        return try ReplayFixture.formatFour(file)
    }

    private init(decoding record: [UInt8], slots: Int, columns: Int) throws {
        var reader = ByteReader(record, range: 0..<record.count, file: "probe", region: "record 0")
        try #require(try reader.u8() == ReplayFormat.keyframeRecord)
        try #require(try reader.varint() == 0)
        entities = try (0..<slots).map { _ in
            [Int64(try reader.u8()), Int64(try reader.u8())] + (try (0..<6).map { _ in try reader.svarint() })
        }
        details = try (0..<(slots * columns)).map { _ in try reader.svarint() }
        tiles = try (0..<Int(try reader.varint())).map { _ in (try reader.varint(), try reader.u8()) }
        events = try (0..<Int(try reader.varint())).map { _ in
            [Int64(try reader.u8()), Int64(try reader.varint())] + (try (0..<5).map { _ in try reader.svarint() })
        }
        try #require(reader.remaining == 0, "the fixture must record no tasks")
    }

    private func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.u8(ReplayFormat.keyframeRecord)
        writer.varint(0)
        for entity in entities {
            writer.u8(UInt8(entity[0]))
            writer.u8(UInt8(entity[1]))
            for value in entity[2...] { writer.svarint(value) }
        }
        for value in details { writer.svarint(value) }
        writer.varint(UInt64(tiles.count))
        for tile in tiles {
            writer.varint(tile.gap)
            writer.u8(tile.material)
        }
        writer.varint(UInt64(events.count))
        for event in events {
            writer.u8(UInt8(event[0]))
            writer.varint(UInt64(event[1]))
            for value in event[2...] { writer.svarint(value) }
        }
        return writer.bytes
    }
}
