/// What a finished `ReplayWriter` wrote.
public struct ReplaySummary: Sendable, Equatable {
    /// The replay file.
    public let path: String
    /// Number of tick records (ticks 0 through the last recorded one).
    public let tickCount: Int
    /// Size of the file in bytes.
    public let byteCount: Int
    /// The file's FNV-1a 64 checksum, as stored in its last 8 bytes.
    public let checksum: UInt64
}
