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
        try replace(range.lowerBound..<dataStart, with: varint.bytes, in: &bytes)
    }

    /// Replaces block `block` with one holding `records` (each behind its length) compressed.
    private static func rewrite(block: Int, with records: [UInt8], of bytes: inout [UInt8]) throws {
        let compressor = try #require(ReplayBlockCompressor(level: ReplayFormat.compressionLevel))
        records.withUnsafeBytes { compressor.append($0) }
        var replacement = ByteWriter()
        replacement.varint(UInt64(records.count))
        replacement.append(compressor.finishBlock())
        try replace(try Self.block(block, of: bytes).range, with: replacement.bytes, in: &bytes)
    }

    /// Replaces `range` (within the blocks) with `replacement`, moves the offsets of the blocks
    /// after it to match, and fixes the checksum.
    private static func replace(_ range: Range<Int>, with replacement: [UInt8], in bytes: inout [UInt8]) throws {
        let shift = replacement.count - range.count
        bytes.replaceSubrange(range, with: replacement)
        let (_, index) = try ReplayFixture.recordIndex(of: bytes, version: 4)
        let tableStart = bytes.count - ReplayFormat.footerTailSize - 8 * index.blockCount
        for block in 0..<index.blockCount {
            let entry = tableStart + 8 * block
            let offset = (0..<8).reduce(0) { $0 | Int(bytes[entry + $1]) << (8 * $1) }
            guard offset >= range.upperBound else { continue }
            for byte in 0..<8 { bytes[entry + byte] = UInt8(truncatingIfNeeded: (offset + shift) >> (8 * byte)) }
        }
        ReplayFixture.fixChecksum(&bytes)
    }

    /// Block `block`'s records as stored, each behind its length.
    private static func records(ofBlock block: Int, in bytes: [UInt8]) throws -> [UInt8] {
        try ReplayFixture.recordIndex(of: bytes, version: 4).index.records(ofBlock: block, in: bytes, named: "probe").bytes
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
        let records = try Self.records(ofBlock: 0, in: bytes)
        var smaller = bytes
        try Self.declare(UInt64(records.count - 1), forBlock: 0, of: &smaller)
        let (path, error) = try ReplayFixture.loadError(ofFileWith: smaller)
        #expect(error?.description == "\(path): corrupt block 0 (ticks 0...63): its zlib data decompresses to more than the \(records.count - 1) bytes it declares")
        var larger = bytes
        try Self.declare(UInt64(records.count + 1), forBlock: 0, of: &larger)
        let (largerPath, largerError) = try ReplayFixture.loadError(ofFileWith: larger)
        #expect(largerError?.description == "\(largerPath): corrupt block 0 (ticks 0...63): its zlib data decompresses to \(records.count) bytes, but it declares \(records.count + 1)")
    }

    @Test func bytesAfterTheZlibDataAreCorrupt() throws {
        var bytes = try Self.replay()
        let end = try Self.block(2, of: bytes).range.upperBound
        try Self.replace(end..<end, with: [0, 0, 0], in: &bytes)
        let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
        #expect(error?.description == "\(path): corrupt block 2 (ticks 128...149): 3 bytes follow the end of its zlib data")
    }

    @Test func recordsThatDoNotFillTheBlockAreCorrupt() throws {
        let bytes = try Self.replay()
        let records = try Self.records(ofBlock: 2, in: bytes)
        var longer = bytes
        try Self.rewrite(block: 2, with: records + [7], of: &longer)
        let (path, error) = try ReplayFixture.loadError(ofFileWith: longer)
        #expect(error?.description == "\(path): corrupt decompressed block 2 (ticks 128...149): 1 byte left over after the record of tick 149")
        var shorter = bytes
        try Self.rewrite(block: 2, with: Array(records.dropLast()), of: &shorter)
        let (shorterPath, shorterError) = try ReplayFixture.loadError(ofFileWith: shorter)
        let refusal = try #require(shorterError)
        #expect(refusal.description.hasPrefix("\(shorterPath): corrupt decompressed block 2 (ticks 128...149): the record of tick 149 is "), "\(refusal)")
    }
}
