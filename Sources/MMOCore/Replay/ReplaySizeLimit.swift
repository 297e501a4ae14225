internal import CZlib

/// The largest sizes a replay's header allows (see `ReplayFormat`): of one tick record, of a
/// decompressed block and of the whole file, never more than `ReplayFormat.largestFile`. The
/// writer refuses a record over the limit; the reader refuses a file, block or record over it
/// before reading or allocating it, so a damaged or hostile file cannot make the reader take more
/// memory than its header justifies.
///
/// A record of S entity slots with D detail columns on an s x s map may take
/// 16 x (S x (D + 8) + s x s) + 65,536 bytes: 16 for every value it can hold, where a value takes
/// at most 5 bytes (10 in a delta with its gap), which leaves room for dozens of events per slot
/// and for the task names. An episode of horizon H has at most H + 1 records; stored compressed, a
/// block takes at most zlib's `compressBound` of its records.
struct ReplaySizeLimit {
    /// The largest tick record.
    let recordBytes: Int
    /// The largest decompressed block: `keyframeInterval` records, each behind its length.
    let blockBytes: Int
    /// The largest file.
    let fileBytes: Int

    /// The limits of a format `version` recording of `slotCount` entity slots with
    /// `inventorySlots` inventory slots each, on a `mapSize` map, over an episode of `horizon`
    /// ticks, after a header of `headerSize` bytes.
    init(slotCount: Int, inventorySlots: Int, mapSize: Int, horizon: Int, version: Int, headerSize: Int) {
        let values = slotCount * (ReplayDetails.columnCount(inventorySlots: inventorySlots) + 8) + mapSize * mapSize
        recordBytes = 16 * values + 65_536
        blockBytes = ReplayFormat.keyframeInterval * (recordBytes + 10)
        let records = horizon + 1
        let stored: Int
        if version >= ReplayFormat.firstCompressedVersion {
            let blocks = (records + ReplayFormat.keyframeInterval - 1) / ReplayFormat.keyframeInterval
            stored = blocks * (10 + Int(compressBound(uLong(blockBytes))) + 8)
        } else {
            stored = records * (recordBytes + 8)
        }
        fileBytes = min(headerSize + stored + ReplayFormat.footerTailSize, ReplayFormat.largestFile)
    }

    /// The limits of a file with `header` (`headerSize` bytes long) and its embedded `config`,
    /// which gives the entity slots (the header must agree, which the reader checks later).
    init(header: ReplayHeader, headerSize: Int, config: Config) {
        self.init(
            slotCount: config.players.count + config.npcs.count, inventorySlots: config.items.inventorySize,
            mapSize: header.mapSize, horizon: config.episode.horizon, version: Int(header.version), headerSize: headerSize
        )
    }
}
