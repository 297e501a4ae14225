/// 64-bit FNV-1a hashing, used for observation digests and replay checksums: simple, fast enough,
/// and identical in every process (unlike Swift's randomly seeded `Hasher`).
public struct FNV1a: Sendable {
    /// The running hash value.
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    /// Mixes in raw bytes.
    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var hash = value
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        value = hash
    }

    /// Mixes in a fixed-width integer, little-endian.
    public mutating func add<T: FixedWidthInteger>(_ number: T) {
        withUnsafeBytes(of: number.littleEndian) { add($0) }
    }

    /// The hash of a byte buffer.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = FNV1a()
        hasher.add(bytes)
        return hasher.value
    }
}
