import Testing
@testable import MMOCore

/// The replay format's integer encodings.
struct ByteCodingTests {
    @Test func varintsAndZigzagRoundTripTheirExtremes() throws {
        let unsigned: [UInt64] = [0, 1, 127, 128, 300, 16_383, 16_384, UInt64(UInt32.max), .max]
        let signed: [Int64] = [0, -1, 1, -64, 63, -65, 64, Int64(Int32.min), Int64(Int32.max), .min, .max]
        var writer = ByteWriter()
        for value in unsigned { writer.varint(value) }
        for value in signed { writer.svarint(value) }
        writer.u16(0xBEEF)
        writer.u32(0xDEAD_BEEF)
        writer.u64(0x0123_4567_89AB_CDEF)
        let bytes = writer.bytes
        var reader = ByteReader(bytes, range: 0..<bytes.count, file: "f", region: "test")
        for value in unsigned { #expect(try reader.varint() == value) }
        for value in signed { #expect(try reader.svarint() == value) }
        #expect(try reader.u16() == 0xBEEF)
        #expect(try reader.u32() == 0xDEAD_BEEF)
        #expect(try reader.u64() == 0x0123_4567_89AB_CDEF)
        #expect(reader.remaining == 0)
    }

    @Test func smallNumbersTakeOneByte() {
        var writer = ByteWriter()
        writer.varint(127)
        writer.svarint(-64)
        writer.svarint(63)
        #expect(writer.bytes == [0x7F, 0x7F, 0x7E])
        writer.removeAll()
        writer.varint(300)
        #expect(writer.bytes == [0xAC, 0x02])
        writer.removeAll()
        writer.u32(0x0102_0304)
        #expect(writer.bytes == [4, 3, 2, 1])
    }

    @Test func readingPastTheRegionOrAnOverlongVarintThrows() {
        let short: [UInt8] = [1, 2, 3]
        var reader = ByteReader(short, range: 1..<3, file: "f.replay", region: "header")
        let truncated = #expect(throws: ReplayError.self) { try reader.u32() }
        #expect(truncated?.description == "f.replay: truncated (expected 4 bytes of header at offset 1, found 2)")

        let overlong = [UInt8](repeating: 0xFF, count: 10) + [0x01]
        var varintReader = ByteReader(overlong, range: 0..<overlong.count, file: "f.replay", region: "tick record 3")
        let malformed = #expect(throws: ReplayError.self) { try varintReader.varint() }
        #expect(malformed?.message == "corrupt: varint at offset 0 in tick record 3 does not fit 64 bits")
    }
}
