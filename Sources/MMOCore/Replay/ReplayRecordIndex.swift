/// Where the tick records of a replay file lie, read from its footer (see `ReplayFormat`): end to
/// end in the file (formats 1 to 3) or, from format 4, in zlib-compressed blocks of
/// `keyframeInterval` records, each starting with a keyframe.
///
/// Either way records come in *blocks*: block b holds ticks `b * keyframeInterval` up to the next
/// keyframe, so reaching a tick means reading one block.
struct ReplayRecordIndex: Sendable {
    /// Number of tick records.
    let tickCount: Int
    /// Whether blocks are compressed (format 4 and later).
    private let compressed: Bool
    /// Uncompressed: the start of every record, then the end of the last. Compressed: the start of
    /// every block, then the end of the last.
    private let bounds: [Int]
    /// The largest record and decompressed block the header allows.
    private let limit: ReplaySizeLimit

    /// Number of blocks.
    var blockCount: Int { Self.blockCount(tickCount: tickCount) }

    /// The block that holds the record of `tick`.
    static func block(ofTick tick: Int) -> Int { tick / ReplayFormat.keyframeInterval }

    private static func blockCount(tickCount: Int) -> Int {
        (tickCount + ReplayFormat.keyframeInterval - 1) / ReplayFormat.keyframeInterval
    }

    /// The ticks of `block`.
    func ticks(ofBlock block: Int) -> ClosedRange<Int> {
        let first = block * ReplayFormat.keyframeInterval
        return first...min(first + ReplayFormat.keyframeInterval, tickCount) - 1
    }

    /// Reads the offset table of a format `version` file whose records start at `recordsStart`
    /// and whose records and blocks are at most `limit`; the footer magic and checksum must
    /// already be verified.
    static func read(from bytes: [UInt8], version: Int, recordsStart: Int, limit: ReplaySizeLimit, file: String) throws(ReplayError) -> ReplayRecordIndex {
        let countStart = bytes.count - ReplayFormat.footerTailSize
        var countReader = ByteReader(bytes, range: countStart..<(countStart + 4), file: file, region: "footer")
        let tickCount = Int(try countReader.u32())
        let compressed = version >= ReplayFormat.firstCompressedVersion
        let entries = compressed ? blockCount(tickCount: tickCount) : tickCount
        let what = compressed ? "block" : "record"
        let expected = 8 * entries
        let available = countStart - recordsStart
        guard expected <= available else {
            throw ReplayError(file: file, message: "truncated (expected \(ReplayError.bytes(expected)) of tick index, found \(available))")
        }
        guard tickCount > 0 else {
            throw ReplayError(file: file, message: "corrupt tick index: the replay has no tick records")
        }
        let indexStart = countStart - expected
        var reader = ByteReader(bytes, range: indexStart..<countStart, file: file, region: "tick index")
        var bounds: [Int] = []
        bounds.reserveCapacity(entries + 1)
        for entry in 0..<entries {
            let offset = try reader.u64()
            let inOrder = entry == 0 ? offset == UInt64(recordsStart) : offset > UInt64(bounds[entry - 1])
            guard inOrder, offset < UInt64(indexStart) else {
                throw ReplayError(file: file, message: "corrupt tick index: \(what) \(entry) starts at offset \(offset), out of order or outside the \(what)s")
            }
            bounds.append(Int(offset))
        }
        bounds.append(indexStart)
        if !compressed, let tick = (0..<entries).first(where: { bounds[$0 + 1] - bounds[$0] > limit.recordBytes }) {
            throw ReplayError(file: file, message: "corrupt tick index: the record of tick \(tick) is \(ReplayError.bytes(bounds[tick + 1] - bounds[tick])) long, more than the \(limit.recordBytes) a record of this replay may have")
        }
        return ReplayRecordIndex(tickCount: tickCount, compressed: compressed, bounds: bounds, limit: limit)
    }

    /// The records of `block`: the bytes that hold them (the file itself, or the decompressed
    /// block) and the range of each, in tick order. Throws when a compressed block is damaged.
    func records(ofBlock block: Int, in file: [UInt8], named name: String) throws(ReplayError) -> (bytes: [UInt8], ranges: [Range<Int>]) {
        let ticks = ticks(ofBlock: block)
        guard compressed else {
            return (file, ticks.map { bounds[$0]..<bounds[$0 + 1] })
        }
        let records = try ReplayBlockDecompressor.decompress(file, range: bounds[block]..<bounds[block + 1], block: block, ticks: ticks, limit: limit.blockBytes, file: name)
        var reader = ByteReader(records, range: 0..<records.count, file: name, region: "decompressed block \(block) (ticks \(ticks.lowerBound)...\(ticks.upperBound))")
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(ticks.count)
        for tick in ticks {
            let length = try reader.varint()
            guard length <= UInt64(reader.remaining) else {
                throw reader.corrupt("the record of tick \(tick) is \(ReplayError.bytes(Int(clamping: length))) long, but only \(reader.remaining) remain")
            }
            guard length <= UInt64(limit.recordBytes) else {
                throw reader.corrupt("the record of tick \(tick) is \(ReplayError.bytes(Int(length))) long, more than the \(limit.recordBytes) a record of this replay may have")
            }
            ranges.append(try reader.range(ofNext: Int(length)))
        }
        guard reader.remaining == 0 else {
            throw reader.corrupt("\(ReplayError.bytes(reader.remaining)) left over after the record of tick \(ticks.upperBound)")
        }
        return (records, ranges)
    }
}
