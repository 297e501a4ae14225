import Foundation

/// A replay file, loaded and checked: the episode's config, map and seed, and every recorded tick,
/// reachable in any order through `frame(at:)`.
///
/// Loading verifies the magic, version, checksum, embedded config and map, and decodes every tick
/// record once, so a `Replay` that loads is known to be whole and `frame(at:)` cannot fail. Seeking
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

    /// Reads and checks the replay file at `path`.
    public static func load(path: String) throws(ReplayError) -> Replay {
        try decode(try readFile(path), file: path)
    }

    /// Checks and indexes the bytes of a replay file; `file` names it in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws(ReplayError) -> Replay {
        let (header, headerEnd) = try ReplayHeader.read(from: bytes, file: file)
        try verifyFooterAndChecksum(bytes, after: headerEnd, file: file)
        let records = try ReplayRecordIndex.read(from: bytes, version: Int(header.version), recordsStart: headerEnd, file: file)
        let config = try embeddedConfig(header, file: file)
        let map = try embeddedMap(header, config: config, file: file)
        try checkSlotCounts(header, config: config, file: file)
        let slotCount = header.playerCount + header.npcCount
        var playback = ReplayPlayback(
            file: file, version: Int(header.version), map: map, slotCount: slotCount, inventorySlots: config.items.inventorySize,
            taskPlayers: header.recordsTasks ? header.playerCount : nil, taskNames: []
        )
        for block in 0..<records.blockCount {
            let (blockBytes, ranges) = try records.records(ofBlock: block, in: bytes, named: file)
            for (offset, tick) in records.ticks(ofBlock: block).enumerated() {
                try playback.apply(tick: tick, bytes: blockBytes, range: ranges[offset])
            }
        }
        return Replay(
            file: file, version: Int(header.version), config: config, map: map, seed: header.seed,
            tickCount: records.tickCount, slotCount: slotCount, recordsTasks: header.recordsTasks,
            taskNames: playback.tasks?.names ?? [], bytes: bytes, records: records
        )
    }

    /// The state and events of `tick`, which must be in `0..<tickCount`. Reads only the block that
    /// holds the tick, from its keyframe up to the tick.
    public func frame(at tick: Int) -> ReplayFrame {
        precondition(tick >= 0 && tick < tickCount, "tick \(tick) is outside the replay's 0..<\(tickCount)")
        var playback = ReplayPlayback(
            file: file, version: version, map: map, slotCount: slotCount, inventorySlots: config.items.inventorySize,
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

    /// The whole content of the file at `path`; errors carry the system's reason.
    private static func readFile(_ path: String) throws(ReplayError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ReplayError(file: path, message: "cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReplayError(file: path, message: "cannot be read: \(String(cString: strerror(errno)))")
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
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
