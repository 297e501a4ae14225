import Foundation

/// A replay file, loaded and checked: the episode's config, map and seed, and every recorded tick,
/// reachable in any order through `frame(at:)`.
///
/// Loading verifies the magic, version, checksum, embedded config and map, and decodes every tick
/// record once, checking every value against the range its config allows (`ReplayValueRanges`),
/// so a `Replay` that loads is known to be whole, `frame(at:)` cannot fail and every frame is a
/// possible state. It reads only regular files, and no more than their header allows
/// (`ReplaySizeLimit`): the header first, then the rest once its size is known to fit. Seeking
/// decodes from the keyframe at or before the tick: at most `ReplayFormat.keyframeInterval` records,
/// all from one block (which format 4 decompresses for the purpose).
public struct Replay: Sendable {
    /// The file the replay was read from (as given to `load` or `decode`).
    public let file: String
    /// Format version of the file.
    public let version: Int
    /// The config the episode ran with.
    public let config: Config
    /// The map the episode was played on.
    public let map: GameMap
    /// The seed of the episode.
    public let seed: UInt64
    /// Number of tick records: ticks `0..<tickCount` can be shown.
    public let tickCount: Int
    /// Entity slots per frame: players, then NPC slots.
    public let slotCount: Int
    /// Whether the records carry every player's task (format 3 and later, when the recording had tasks).
    public let recordsTasks: Bool
    /// The string table of task labels: the tasks dealt in the recording, in the order they
    /// first appeared; empty without tasks.
    public let taskNames: [String]

    private let bytes: [UInt8]
    /// Where each tick record lies in `bytes`.
    private let records: ReplayRecordIndex
    /// What each recorded value may be.
    private let ranges: ReplayValueRanges

    /// The parts of the header the reader interprets before it reads the rest of the file: what
    /// it needs to know how large the file may be.
    private struct Preamble {
        let header: ReplayHeader
        /// Offset of the first byte after the header.
        let end: Int
        let config: Config
        let limit: ReplaySizeLimit
    }

    /// Reads and checks the replay file at `path`: the header, then (when the file's size is
    /// within what the header allows) the rest.
    public static func load(path: String) throws(ReplayError) -> Replay {
        var bytes: [UInt8] = []
        let file = try reading { () throws(FileError) in
            let file = try RegularFile(opening: path)
            try file.requireSize(atMost: ReplayFormat.largestFile, kind: "replay")
            try file.readNext(ReplayFormat.largestHeader, into: &bytes)
            return file
        }
        let preamble = try Self.preamble(bytes, file: path)
        try reading { () throws(FileError) in
            try file.requireSize(atMost: preamble.limit.fileBytes, kind: "replay with this header")
            try file.readNext(file.size, into: &bytes)
        }
        return try decode(bytes, preamble: preamble, file: path)
    }

    /// Runs a step of reading the file, passing its error on as a `ReplayError`.
    private static func reading<Result>(_ step: () throws(FileError) -> Result) throws(ReplayError) -> Result {
        do {
            return try step()
        } catch {
            throw ReplayError(error)
        }
    }

    /// Checks and indexes the bytes of a replay file; `file` names it in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws(ReplayError) -> Replay {
        let preamble = try Self.preamble(bytes, file: file)
        guard bytes.count <= preamble.limit.fileBytes else {
            throw ReplayError(file: file, message: "is \(bytes.count) bytes, more than the \(preamble.limit.fileBytes) bytes a replay with this header may have")
        }
        return try decode(bytes, preamble: preamble, file: file)
    }

    /// Reads the header at the start of `bytes` and its embedded config.
    private static func preamble(_ bytes: [UInt8], file: String) throws(ReplayError) -> Preamble {
        let (header, end) = try ReplayHeader.read(from: bytes, file: file)
        let config = try embeddedConfig(header, file: file)
        return Preamble(header: header, end: end, config: config, limit: ReplaySizeLimit(header: header, headerSize: end, config: config))
    }

    /// Checks the footer and checksum of the whole file and the rest of the header, then decodes
    /// every record once.
    private static func decode(_ bytes: [UInt8], preamble: Preamble, file: String) throws(ReplayError) -> Replay {
        let header = preamble.header
        try verifyFooterAndChecksum(bytes, after: preamble.end, file: file)
        let map = try embeddedMap(header, config: preamble.config, file: file)
        try checkSlotCounts(header, config: preamble.config, file: file)
        let records = try ReplayRecordIndex.read(from: bytes, version: Int(header.version), recordsStart: preamble.end, limit: preamble.limit, file: file)
        let config = preamble.config
        guard records.tickCount <= config.episode.horizon + 1 else {
            throw ReplayError(file: file, message: "corrupt tick index: \(records.tickCount) tick records, more than the \(config.episode.horizon + 1) of an episode of horizon \(config.episode.horizon)")
        }
        let slotCount = header.playerCount + header.npcCount
        let ranges = ReplayValueRanges(config: config, slotCount: slotCount)
        var playback = ReplayPlayback(
            file: file, version: Int(header.version), map: map, ranges: ranges,
            taskPlayers: header.recordsTasks ? header.playerCount : nil, taskNames: []
        )
        for block in 0..<records.blockCount {
            let (blockBytes, recordRanges) = try records.records(ofBlock: block, in: bytes, named: file)
            for (offset, tick) in records.ticks(ofBlock: block).enumerated() {
                try playback.apply(tick: tick, bytes: blockBytes, range: recordRanges[offset])
            }
        }
        return Replay(
            file: file, version: Int(header.version), config: config, map: map, seed: header.seed,
            tickCount: records.tickCount, slotCount: slotCount, recordsTasks: header.recordsTasks,
            taskNames: playback.tasks?.names ?? [], bytes: bytes, records: records, ranges: ranges
        )
    }

    /// The state and events of `tick`, which must be in `0..<tickCount`. Reads only the block that
    /// holds the tick, from its keyframe up to the tick.
    public func frame(at tick: Int) -> ReplayFrame {
        precondition(tick >= 0 && tick < tickCount, "tick \(tick) is outside the replay's 0..<\(tickCount)")
        var playback = ReplayPlayback(
            file: file, version: version, map: map, ranges: ranges,
            taskPlayers: recordsTasks ? config.players.count : nil, taskNames: taskNames
        )
        let block = ReplayRecordIndex.block(ofTick: tick)
        let keyframe = records.ticks(ofBlock: block).lowerBound
        do {
            let (blockBytes, ranges) = try records.records(ofBlock: block, in: bytes, named: file)
            for recorded in keyframe...tick {
                try playback.apply(tick: recorded, bytes: blockBytes, range: ranges[recorded - keyframe])
            }
        } catch {
            preconditionFailure("block \(block) decoded when the replay was loaded but not now: \(error)")
        }
        let details = ReplayDetails(inventorySlots: config.items.inventorySize, values: playback.details)
        return ReplayFrame(tick: tick, entities: playback.entities, materials: playback.materials, events: playback.events, details: details, tasks: playback.tasks?.tasks)
    }

    /// Checks that the file ends with the footer magic and the checksum of everything before it.
    private static func verifyFooterAndChecksum(_ bytes: [UInt8], after headerEnd: Int, file: String) throws(ReplayError) {
        let checksumStart = bytes.count - 8
        let magicStart = checksumStart - ReplayFormat.footerMagic.count
        guard bytes.count - headerEnd >= ReplayFormat.footerTailSize,
              bytes[magicStart..<checksumStart].elementsEqual(ReplayFormat.footerMagic) else {
            throw ReplayError(file: file, message: "truncated (no end-of-replay footer: the recording was cut short or never finished)")
        }
        var reader = ByteReader(bytes, range: checksumStart..<bytes.count, file: file, region: "checksum")
        let stored = try reader.u64()
        let computed = bytes.withUnsafeBytes { FNV1a.hash(UnsafeRawBufferPointer(rebasing: $0[0..<checksumStart])) }
        guard stored == computed else {
            throw ReplayError(file: file, message: "checksum mismatch (file is corrupt)")
        }
    }

    private static func embeddedConfig(_ header: ReplayHeader, file: String) throws(ReplayError) -> Config {
        do {
            return try ConfigFile.parse(Data(header.configJSON))
        } catch {
            throw ReplayError(file: file, message: "embedded config is invalid: \(error.description)")
        }
    }

    private static func embeddedMap(_ header: ReplayHeader, config: Config, file: String) throws(ReplayError) -> GameMap {
        guard header.mapSize == config.map.size else {
            throw ReplayError(file: file, message: "embedded map is \(header.mapSize)x\(header.mapSize) but its config says map.size \(config.map.size)")
        }
        if let index = header.mapMaterials.firstIndex(where: { Int($0) >= Material.count }) {
            throw ReplayError(file: file, message: "embedded map has unknown material \(header.mapMaterials[index]) at tile \(index)")
        }
        return GameMap(size: header.mapSize, materials: header.mapMaterials)
    }

    private static func checkSlotCounts(_ header: ReplayHeader, config: Config, file: String) throws(ReplayError) {
        guard header.playerCount == config.players.count, header.npcCount == config.npcs.count else {
            throw ReplayError(file: file, message: "header has \(header.playerCount) players and \(header.npcCount) NPC slots but its config says players.count \(config.players.count) and npcs.count \(config.npcs.count)")
        }
    }
}
