/// The GridMMO replay format, version 4: the constants, and the zigzag mapping its signed numbers use.
/// Version 2 added the *details* block of each tick record, version 3 the optional *tasks* block,
/// version 4 stores the records in zlib-compressed blocks, one per keyframe; readers still accept
/// version 1, 2 and 3 files.
///
/// A replay file records one episode so that any tick can be shown again without re-running the
/// simulation: the config, map and seed the episode ran with, then one record per tick with the
/// entity state, the tile changes and the events of that tick (from version 4 compressed in
/// blocks of 64 records), then an index of where each record or block starts and a checksum.
///
/// ## Conventions
///
/// - Fixed-width integers (`u8`, `u16`, `u32`, `u64`) are unsigned and little-endian.
/// - `varint` is an unsigned LEB128 integer: 7 bits per byte, lowest group first, the high bit set
///   on every byte except the last; at most 10 bytes for a 64-bit value.
/// - `svarint` is a signed integer mapped by zigzag, `(n << 1) ^ (n >> 63)` (0, -1, 1, -2, ... become
///   0, 1, 2, 3, ...), then written as a `varint`, so small magnitudes of either sign take one byte.
/// - A *gap* list stores increasing indices as differences: each entry stores
///   `index - previousIndex - 1`, where the first entry's previous index is -1 (so it stores its
///   index itself).
///
/// ## Header
///
/// | size      | field                                                                        |
/// |-----------|------------------------------------------------------------------------------|
/// | 8         | magic, the ASCII bytes `GMMOREPL`                                            |
/// | u16       | format version, 4 (3: records not in compressed blocks; 2: no tasks block either; 1: no details block either) |
/// | u16       | flags: bit 0 (version 3 and later) set when every record has a tasks block; a reader rejects flags it does not know |
/// | u64       | seed of the episode                                                          |
/// | u32 + n   | config: its length n, then n bytes of UTF-8 JSON as written by `ConfigFile.json` |
/// | u16 + s*s | map: its side s, then s*s `Material` raw values, row-major (`row * s + col`) |
/// | u32       | player count P (must equal the config's `players.count`)                     |
/// | u32       | NPC count N (must equal the config's `npcs.count`); entity slots are 0..<P+N  |
///
/// ## Tick records
///
/// One record per tick, for ticks 0, 1, 2, ... without gaps: in versions 1 to 3 laid end to end
/// directly after the header, in version 4 inside compressed blocks (below). Record 0
/// holds the state right after reset, with the spawn events; record t holds the state after the
/// t-th `World.step()` and that step's events. The record of tick t is a *keyframe* when
/// t is a multiple of 64 (`keyframeInterval`) and a *delta* otherwise, so a reader reaches any
/// tick by decoding at most 64 records.
///
/// | size    | field                                                        |
/// |---------|--------------------------------------------------------------|
/// | u8      | record type: 0 delta, 1 keyframe                             |
/// | varint  | tick                                                         |
/// | ...     | entities, as below                                           |
/// | ...     | details, as below (version 2 and later)                      |
/// | ...     | tiles, as below                                              |
/// | ...     | events, as below                                             |
/// | ...     | tasks, as below (version 3, only with header flag bit 0)     |
///
/// **Entities, keyframe**: every slot in order, its full state: `u8` kind (`EntityKind` raw value),
/// `u8` alive (0 or 1), then `svarint` row, col, health, food, water and team.
///
/// **Entities, delta**: `varint` C, the number of slots whose state differs from the previous
/// tick, then C entries as a gap list by slot: `varint` slot gap, `u8` change mask, then one
/// payload per set bit, in bit order:
///
/// | bit | field  | payload                                   |
/// |-----|--------|-------------------------------------------|
/// | 0   | row    | `svarint` new value minus previous value  |
/// | 1   | col    | `svarint` new value minus previous value  |
/// | 2   | health | `svarint` new value minus previous value  |
/// | 3   | food   | `svarint` new value minus previous value  |
/// | 4   | water  | `svarint` new value minus previous value  |
/// | 5   | alive  | none: the alive flag flips                |
/// | 6   | kind   | `u8` new `EntityKind` raw value           |
/// | 7   | team   | `svarint` new value                       |
///
/// **Details** (version 2): D = `ReplayDetails.columnCount` values per slot (gold, level, 8 skill
/// levels, 8 skill experiences, 5 equipped inventory slots, then kind, level, quantity and price of
/// each inventory slot). Keyframe: every slot's D values as `svarint`s. Delta: `varint` C, the
/// number of slots whose details changed, then C entries as a gap list by slot: `varint` slot gap,
/// `varint` K (1...D), then K changed columns as a gap list by column: `varint` column gap,
/// `svarint` new value minus previous value.
///
/// **Tiles**: `varint` C, then C entries as a gap list by tile index (`row * s + col`): `varint`
/// tile gap, `u8` new material. A keyframe lists every tile whose material differs from the header's
/// map; a delta lists every tile whose material changed since the previous tick.
///
/// **Events**: `varint` C, then C events in the order they happened: `u8` kind (`EventKind` raw
/// value), `varint` entity (the slot's 32-bit two's-complement pattern), then `svarint` type, level,
/// number, gold and target. Every event's tick is the record's tick.
///
/// **Tasks** (version 3, when header flag bit 0 is set): per player slot (0..<P) a *label*, an
/// index into the file's string table (the name of the task the player was dealt), and a
/// *progress* in 0...1 stored as `varint` q in 0...65535: q = round(progress * 65535), except that
/// only a progress of exactly 1 stores 65535 (so 65535 means complete); it reads back as q / 65535.
/// The string table is built by the records themselves, holding only labels that were dealt:
///
/// - `varint` N, the number of names this record adds to the table; when N > 0, `varint` T, the
///   table index of the first (the table's size before this record, so names take T, T+1, ...),
///   then N names, each a `varint` byte length and that many bytes of UTF-8.
/// - Keyframe: every player's `varint` label and `varint` q.
/// - Delta: `varint` C, the number of players whose label or q changed, then C entries as a gap
///   list by player: `varint` player gap, `u8` change mask (bit 0 label, bit 1 progress), then
///   `varint` new label if bit 0, `varint` new q if bit 1.
///
/// A label must index a name defined by this record or an earlier one.
///
/// ## Blocks (version 4)
///
/// Version 4 groups the records into *blocks*, one per keyframe: block b holds the records of
/// ticks 64b up to min(64b + 64, T) - 1, so it starts with a keyframe, stands alone, and seeking to
/// a tick decompresses one block. The B = ceil(T / 64) blocks follow the header end to end:
///
/// | size    | field                                                                   |
/// |---------|-------------------------------------------------------------------------|
/// | varint  | U, the block's size decompressed: 1 <= U <= 1032 x the size of the zlib data |
/// | ...     | a zlib stream (RFC 1950: deflate with an Adler-32 check) that decompresses to exactly U bytes and ends where the block ends |
///
/// The U bytes are the block's records in tick order, each a `varint` length L followed by the
/// L bytes of the record as described above. A reader allocates U bytes and refuses a block whose
/// zlib data is invalid, decompresses to more or fewer than U bytes, is followed by further bytes,
/// or whose records do not fill the U bytes exactly. 1032:1 is the largest ratio deflate can
/// reach, so the bound holds for every real block and caps what a damaged U can make a reader
/// allocate. The writer compresses at zlib level 6 (`compressionLevel`), feeding each record to
/// the stream as it is recorded.
///
/// ## Footer
///
/// | size    | field                                                                   |
/// |---------|-------------------------------------------------------------------------|
/// | u64 x E | byte offset, from the start of the file, of the record of each tick 0..<T (versions 1 to 3, E = T) or of each block 0..<B (version 4, E = B) |
/// | u32     | T, the number of tick records                                           |
/// | u32     | footer magic, the ASCII bytes `GMEN`                                    |
/// | u64     | checksum: 64-bit FNV-1a of every byte of the file before this field     |
///
/// The footer is read from the end of the file: the checksum is the last 8 bytes, the footer magic
/// and T come before it, and the E offsets before those. Records (versions 1 to 3) or blocks
/// (version 4) are laid end to end, so each ends where the next (or, for the last, the offset
/// table) begins.
///
/// ## Limits
///
/// A file, a block and a record are at most what the header allows (`ReplaySizeLimit`), and every
/// decoded value must be possible under the embedded config (`ReplayValueRanges`); the reader
/// refuses anything else, and the writer writes nothing else.
public enum ReplayFormat {
    /// The first eight bytes of every replay file.
    public static let magic: [UInt8] = Array("GMMOREPL".utf8)
    /// The format version this build writes and the newest it reads (it reads 1, 2 and 3 too).
    public static let version: UInt16 = 4
    /// The first version whose records are stored in compressed blocks.
    static let firstCompressedVersion = 4
    /// The zlib level the writer compresses blocks with: zlib's default, which on a full default
    /// episode came within 2% of level 9 at less than half its cost.
    static let compressionLevel: Int32 = 6
    /// Ticks from one keyframe record to the next.
    public static let keyframeInterval = 64
    /// The four bytes that close the offset table, just before the checksum.
    public static let footerMagic: [UInt8] = Array("GMEN".utf8)
    /// The largest replay file a reader accepts, 1 GiB, whatever its header allows
    /// (`ReplaySizeLimit`); a full default episode takes under 1 MB.
    public static let largestFile = 1 << 30
    /// The largest embedded config a header may hold, 1 MiB (`ConfigFile.largestFile`); one takes about 4 KB.
    static let largestConfig = ConfigFile.largestFile
    /// The largest map side a header may hold: the largest `map.size` a config allows.
    static let largestMapSide: Int = {
        for parameter in Config.parameters where parameter.key == "map.size" {
            if case .int(_, let range) = parameter.value { return range.upperBound }
        }
        preconditionFailure("the config has no integer key map.size")
    }()
    /// The largest header a reader reads before it knows how large the file may be.
    static let largestHeader = 8 + 2 + 2 + 8 + 4 + largestConfig + 2 + largestMapSide * largestMapSide + 4 + 4

    /// Record type byte of a delta record.
    static let deltaRecord: UInt8 = 0
    /// Record type byte of a keyframe record.
    static let keyframeRecord: UInt8 = 1
    /// Header flag: every tick record ends with a tasks block (version 3 and later).
    static let tasksFlag: UInt16 = 1
    /// The stored progress of a completed task; progress q reads back as q / `progressScale`.
    static let progressScale: UInt16 = 65535
    /// Task change mask bit: the player's label changed.
    static let taskLabelChanged: UInt8 = 1
    /// Task change mask bit: the player's progress changed.
    static let taskProgressChanged: UInt8 = 2
    /// Bytes after the offset table: tick count, footer magic and checksum.
    static let footerTailSize = 4 + 4 + 8

    /// Whether the record of `tick` is a keyframe.
    static func isKeyframe(tick: Int) -> Bool { tick % keyframeInterval == 0 }

    /// The flags a reader of `version` files understands.
    static func knownFlags(version: UInt16) -> UInt16 { version >= 3 ? tasksFlag : 0 }

    /// A progress in 0...1 as stored: round(progress * 65535), but 65535 only for exactly 1.
    static func quantize(progress: Float) -> UInt16 {
        progress >= 1 ? progressScale : min(progressScale - 1, UInt16((progress * Float(progressScale)).rounded()))
    }

    /// A stored progress back in 0...1.
    static func progress(quantized: UInt16) -> Float {
        Float(quantized) / Float(progressScale)
    }

    /// Maps a signed integer to an unsigned one with small magnitudes of either sign kept small.
    @inline(__always)
    static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    /// Inverse of `zigzag`.
    @inline(__always)
    static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }
}
