/// Reads replay-format values from a region of a byte buffer, throwing a `ReplayError` that names
/// the file and the region when the region ends before a value does or a varint is malformed.
struct ByteReader {
    private let bytes: [UInt8]
    /// Offset of the next byte to read.
    private(set) var position: Int
    /// Offset just past the region.
    let end: Int
    private let file: String
    /// What the region holds, for error messages ("header", "tick record 12").
    private let region: String

    /// A reader of `bytes[range]`.
    init(_ bytes: [UInt8], range: Range<Int>, file: String, region: String) {
        self.bytes = bytes
        position = range.lowerBound
        end = range.upperBound
        self.file = file
        self.region = region
    }

    /// Bytes left in the region.
    var remaining: Int { end - position }

    mutating func u8() throws(ReplayError) -> UInt8 {
        try require(1)
        defer { position += 1 }
        return bytes[position]
    }

    mutating func u16() throws(ReplayError) -> UInt16 {
        UInt16(try littleEndian(byteCount: 2))
    }

    mutating func u32() throws(ReplayError) -> UInt32 {
        UInt32(try littleEndian(byteCount: 4))
    }

    mutating func u64() throws(ReplayError) -> UInt64 {
        try littleEndian(byteCount: 8)
    }

    /// The offsets of the next `count` bytes, which the reader moves past.
    mutating func range(ofNext count: Int) throws(ReplayError) -> Range<Int> {
        try require(count)
        defer { position += count }
        return position..<(position + count)
    }

    /// The bytes in `range` (within the buffer) as UTF-8 text, or nil when they are not UTF-8.
    func string(in range: Range<Int>) -> String? {
        String(validating: bytes[range], as: UTF8.self)
    }

    /// Reads an unsigned LEB128 varint of at most 10 bytes.
    mutating func varint() throws(ReplayError) -> UInt64 {
        let start = position
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try u8()
            if shift == 63 && byte > 1 {
                throw ReplayError(file: file, message: "corrupt: varint at offset \(start) in \(region) does not fit 64 bits")
            }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// Reads a zigzag-mapped signed varint.
    mutating func svarint() throws(ReplayError) -> Int64 {
        ReplayFormat.unzigzag(try varint())
    }

    /// The next index of a gap list (see `ReplayFormat`): reads a gap and checks that the index it
    /// leads to stays below `limit`; `what` names the entry in the error.
    mutating func nextIndex(after previous: Int, below limit: Int, _ what: @autoclosure () -> String) throws(ReplayError) -> Int {
        let gap = try varint()
        guard gap < UInt64(limit - previous - 1) else {
            throw corrupt("\(what()) lies beyond the last index \(limit - 1)")
        }
        return previous + Int(gap) + 1
    }

    /// The error for a malformed value in the region: "corrupt REGION: detail".
    func corrupt(_ detail: String) -> ReplayError {
        ReplayError(file: file, message: "corrupt \(region): \(detail)")
    }

    private mutating func littleEndian(byteCount: Int) throws(ReplayError) -> UInt64 {
        try require(byteCount)
        var value: UInt64 = 0
        for index in 0..<byteCount {
            value |= UInt64(bytes[position + index]) << (8 * index)
        }
        position += byteCount
        return value
    }

    private func require(_ count: Int) throws(ReplayError) {
        guard count <= remaining else {
            throw ReplayError(file: file, message: "truncated (expected \(ReplayError.bytes(count)) of \(region) at offset \(position), found \(max(remaining, 0)))")
        }
    }
}
