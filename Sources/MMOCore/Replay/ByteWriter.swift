/// Appends replay-format values (little-endian integers, varints, zigzag varints) to a byte buffer
/// that is reused from one record to the next: `removeAll()` keeps its capacity.
struct ByteWriter {
    /// The bytes written since the last `removeAll()`.
    private(set) var bytes: [UInt8] = []

    /// Number of bytes written since the last `removeAll()`.
    var count: Int { bytes.count }

    /// Forgets the written bytes, keeping the storage.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func u8(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func u16(_ value: UInt16) {
        littleEndian(UInt64(value), byteCount: 2)
    }

    mutating func u32(_ value: UInt32) {
        littleEndian(UInt64(value), byteCount: 4)
    }

    mutating func u64(_ value: UInt64) {
        littleEndian(value, byteCount: 8)
    }

    /// Appends raw bytes.
    mutating func append(_ raw: some Sequence<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    /// Appends an unsigned LEB128 varint.
    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Appends a zigzag-mapped signed varint.
    mutating func svarint(_ value: Int64) {
        varint(ReplayFormat.zigzag(value))
    }

    private mutating func littleEndian(_ value: UInt64, byteCount: Int) {
        for shift in 0..<byteCount {
            bytes.append(UInt8(truncatingIfNeeded: value >> (8 * shift)))
        }
    }
}
