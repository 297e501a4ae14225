import Foundation
import Testing
@testable import MMOCore

/// Format 4 keeps format 3's records in zlib-compressed blocks, one per keyframe: it reads back the
/// same, each block stands alone, and a damaged block is refused without trapping.
struct ReplayBlockTests {
    /// A 150-tick replay: blocks 0 and 1 hold 64 ticks each, block 2 the last 22.
    private static func replay() throws -> [UInt8] {
        try ReplayFixture.shortReplay(ticks: 149)
    }

    /// Where block `block` lies in a format 4 file, and the offset just past its size varint.
    private static func block(_ block: Int, of bytes: [UInt8]) throws -> (range: Range<Int>, dataStart: Int) {
        let (_, index) = try ReplayFixture.recordIndex(of: bytes, version: 4)
        let tableStart = bytes.count - ReplayFormat.footerTailSize - 8 * index.blockCount
        let start = (0..<8).reduce(0) { $0 | Int(bytes[tableStart + 8 * block + $1]) << (8 * $1) }
        let end = block + 1 < index.blockCount ? (0..<8).reduce(0) { $0 | Int(bytes[tableStart + 8 * (block + 1) + $1]) << (8 * $1) } : tableStart
        var reader = ByteReader(bytes, range: start..<end, file: "probe", region: "block")
        _ = try reader.varint()
        return (start..<end, reader.position)
    }

    /// Replaces block `block`'s size varint with `size`, moves the later blocks' offsets, fixes the checksum.
    private static func declare(_ size: UInt64, forBlock block: Int, of bytes: inout [UInt8]) throws {
        let (range, dataStart) = try Self.block(block, of: bytes)
        var varint = ByteWriter()
        varint.varint(size)
        bytes.replaceSubrange(range.lowerBound..<dataStart, with: varint.bytes)
        let shift = varint.count - (dataStart - range.lowerBound)
        let (_, index) = try ReplayFixture.recordIndex(of: bytes, version: 4)
        let tableStart = bytes.count - ReplayFormat.footerTailSize - 8 * index.blockCount
        for later in (block + 1)..<index.blockCount {
            let entry = tableStart + 8 * later
            let offset = (0..<8).reduce(0) { $0 | Int(bytes[entry + $1]) << (8 * $1) } + shift
            for byte in 0..<8 { bytes[entry + byte] = UInt8(truncatingIfNeeded: offset >> (8 * byte)) }
        }
        ReplayFixture.fixChecksum(&bytes)
    }

    @Test func formatFourReadsBackLikeTheSameRecordsUncompressed() throws {
        let bytes = try Self.replay()
        let uncompressed = try ReplayFixture.formatThree(bytes)
        #expect(bytes.count * 2 < uncompressed.count, "compression at least halves the file")
        let current = try Replay.decode(bytes, file: "v4.replay")
        let older = try Replay.decode(uncompressed, file: "v3.replay")
        #expect(current.version == 4 && older.version == 3 && current.tickCount == 150)
        for tick in [0, 1, 63, 64, 100, 127, 128, 149] {
            #expect(current.frame(at: tick) == older.frame(at: tick), "tick \(tick)")
        }
        #expect(try ReplayFixture.formatFour(uncompressed) == bytes, "the writer's blocks are the records compressed, nothing else")
    }

    @Test func eachBlockDecodesOnItsOwn() throws {
        var bytes = try Self.replay()
        let (_, index) = try ReplayFixture.recordIndex(of: bytes, version: 4)
        #expect(index.blockCount == 3 && index.ticks(ofBlock: 2) == 128...149)
        let (range, dataStart) = try Self.block(0, of: bytes)
        for offset in dataStart..<range.upperBound { bytes[offset] = 0 }
        #expect(throws: ReplayError.self) { try index.records(ofBlock: 0, in: bytes, named: "probe") }
        let (records, ranges) = try index.records(ofBlock: 1, in: bytes, named: "probe")
        #expect(ranges.count == 64)
        #expect(records[ranges[0].lowerBound] == ReplayFormat.keyframeRecord, "a block starts with a keyframe")
    }

    @Test func damagedZlibDataIsCorrupt() throws {
        var bytes = try Self.replay()
        let (range, dataStart) = try Self.block(1, of: bytes)
        bytes[(dataStart + range.upperBound) / 2] ^= 0x55
        ReplayFixture.fixChecksum(&bytes)
        let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
        let refusal = try #require(error)
        #expect(refusal.description.hasPrefix("\(path): corrupt block 1 (ticks 64...127): its zlib data "), "\(refusal)")
    }

    @Test func aSizeTheDataCannotHoldIsRefusedBeforeAllocating() throws {
        var bytes = try Self.replay()
        let (range, dataStart) = try Self.block(2, of: bytes)
        let compressed = range.upperBound - dataStart
        try Self.declare(UInt64.max >> 1, forBlock: 2, of: &bytes)
        let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
        #expect(error?.description == "\(path): corrupt block 2 (ticks 128...149): it declares \(Int.max) bytes of records, but \(compressed) bytes of zlib data can hold 1 to \(compressed * 1032)")
    }

    @Test func aSizeThatDisagreesWithTheDataIsCorrupt() throws {
        let bytes = try Self.replay()
        let (records, _) = try ReplayFixture.recordIndex(of: bytes, version: 4).index.records(ofBlock: 0, in: bytes, named: "probe")
        var smaller = bytes
        try Self.declare(UInt64(records.count - 1), forBlock: 0, of: &smaller)
        let (path, error) = try ReplayFixture.loadError(ofFileWith: smaller)
        #expect(error?.description == "\(path): corrupt block 0 (ticks 0...63): its zlib data decompresses to more than the \(records.count - 1) bytes it declares")
        var larger = bytes
        try Self.declare(UInt64(records.count + 1), forBlock: 0, of: &larger)
        let (largerPath, largerError) = try ReplayFixture.loadError(ofFileWith: larger)
        #expect(largerError?.description == "\(largerPath): corrupt block 0 (ticks 0...63): its zlib data decompresses to \(records.count) bytes, but it declares \(records.count + 1)")
    }
}
