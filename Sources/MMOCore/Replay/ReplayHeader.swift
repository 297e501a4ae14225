import Foundation

/// The part of a replay file before the first tick record (see `ReplayFormat`), as raw fields:
/// the config stays JSON bytes and the map stays material bytes until the reader has verified the
/// checksum and interprets them.
struct ReplayHeader {
    var version: UInt16
    /// `ReplayFormat.tasksFlag` when the records carry tasks, else 0.
    var flags: UInt16
    var seed: UInt64
    /// The config as `ConfigFile.json` wrote it.
    var configJSON: [UInt8]
    var mapSize: Int
    var mapMaterials: [UInt8]
    var playerCount: Int
    var npcCount: Int

    /// Appends the header's bytes.
    func write(into writer: inout ByteWriter) {
        writer.append(ReplayFormat.magic)
        writer.u16(version)
        writer.u16(flags)
        writer.u64(seed)
        writer.u32(UInt32(configJSON.count))
        writer.append(configJSON)
        writer.u16(UInt16(mapSize))
        writer.append(mapMaterials)
        writer.u32(UInt32(playerCount))
        writer.u32(UInt32(npcCount))
    }

    /// Whether every tick record ends with a tasks block.
    var recordsTasks: Bool { flags & ReplayFormat.tasksFlag != 0 }

    /// Reads the header at the start of `bytes`; returns it with the offset just past it.
    /// Checks the magic, version and flags, and that every field is present.
    static func read(from bytes: [UInt8], file: String) throws(ReplayError) -> (header: ReplayHeader, end: Int) {
        let magic = ReplayFormat.magic
        let start = bytes.prefix(magic.count)
        guard start.elementsEqual(magic.prefix(start.count)) else {
            throw ReplayError(file: file, message: "not a GridMMO replay (bad magic)")
        }
        var reader = ByteReader(bytes, range: 0..<bytes.count, file: file, region: "header")
        _ = try reader.range(ofNext: magic.count)
        let version = try reader.u16()
        guard version <= ReplayFormat.version else {
            throw ReplayError(file: file, message: "replay format version \(version) is newer than this build understands (\(ReplayFormat.version)); update gridmmo")
        }
        guard version >= 1 else {
            throw ReplayError(file: file, message: "replay format version 0 does not exist (corrupt header)")
        }
        let flags = try reader.u16()
        guard flags & ~ReplayFormat.knownFlags(version: version) == 0 else {
            throw ReplayError(file: file, message: "replay uses flags 0x\(String(flags, radix: 16)) that this build does not understand; update gridmmo")
        }
        let seed = try reader.u64()
        let configLength = Int(try reader.u32())
        guard configLength <= ReplayFormat.largestConfig else {
            throw reader.corrupt("the embedded config is \(ReplayError.bytes(configLength)) long, more than the \(ReplayFormat.largestConfig) a config may have")
        }
        let configJSON = Array(bytes[try reader.range(ofNext: configLength)])
        let mapSize = Int(try reader.u16())
        guard mapSize <= ReplayFormat.largestMapSide else {
            throw reader.corrupt("the embedded map is \(mapSize)x\(mapSize), larger than the largest map.size \(ReplayFormat.largestMapSide)")
        }
        let mapMaterials = Array(bytes[try reader.range(ofNext: mapSize * mapSize)])
        let playerCount = Int(try reader.u32())
        let npcCount = Int(try reader.u32())
        let header = ReplayHeader(
            version: version, flags: flags, seed: seed, configJSON: configJSON, mapSize: mapSize,
            mapMaterials: mapMaterials, playerCount: playerCount, npcCount: npcCount
        )
        return (header, reader.position)
    }
}

extension ReplayHeader {
    /// The header of a recording of `world`'s current episode, with or without tasks.
    init(world: World, recordsTasks: Bool) {
        version = ReplayFormat.version
        flags = recordsTasks ? ReplayFormat.tasksFlag : 0
        seed = world.seed
        configJSON = [UInt8](ConfigFile.json(world.config))
        mapSize = world.map.size
        mapMaterials = world.map.materials
        playerCount = world.entities.playerCount
        npcCount = world.entities.npcCount
    }
}
