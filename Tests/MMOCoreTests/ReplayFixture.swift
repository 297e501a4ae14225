import Foundation
import Testing
@testable import MMOCore

/// Worlds, maps, paths and byte surgery shared by the replay tests.
enum ReplayFixture {
    /// A path for a replay in a new, empty temporary directory.
    static func temporaryPath(_ name: String = "episode.replay") -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gridmmo-replay-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// A hand-made map with Foilage and Water scattered inside the spawn ring, so random walkers
    /// eat, drink, deplete tiles and see them grow back.
    static func forageMap(config: Config) -> GameMap {
        var overrides: [(row: Int, col: Int, material: Material)] = []
        for row in (config.map.playableMin + 1)..<config.map.playableMax {
            for col in (config.map.playableMin + 1)..<config.map.playableMax {
                switch (row * 7 + col * 13) % 23 {
                case 0: overrides.append((row, col, .water))
                case 1, 2, 3: overrides.append((row, col, .foilage))
                default: break
                }
            }
        }
        return HandMadeMap.make(config: config, overrides: overrides)
    }

    /// Gives every player a uniformly random move (including staying put).
    static func randomMoves(for world: World, using rng: inout Rng) {
        for slot in 0..<world.entities.playerCount {
            world.moves[slot] = UInt8(rng.below(Direction.allCases.count))
        }
    }

    /// What a replay should show for the world's current tick.
    static func truth(of world: World) -> ReplayFrame {
        var details = [Int32](repeating: 0, count: world.entities.capacity * ReplayDetails.columnCount(inventorySlots: world.inventory.slots))
        ReplayDetails.capture(world, into: &details)
        return ReplayFrame(
            tick: world.tick,
            entities: (0..<world.entities.capacity).map { ReplayEntity(slot: $0, of: world.entities) },
            materials: world.tiles.materials.array,
            events: world.events.events,
            details: ReplayDetails(inventorySlots: world.inventory.slots, values: details)
        )
    }

    /// Deletes the temporary directory that holds `path`.
    static func discard(_ path: String) {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }

    /// A small-config world of two players and no NPCs on a hand-made map.
    static func twoPlayerWorld(seed: UInt64) -> World {
        var config = Config.small
        config.players.count = 2
        config.npcs.count = 0
        return World(config: config, map: HandMadeMap.make(config: config), seed: seed)
    }

    /// The bytes of a finished replay of a short small-config episode (its horizon raised to
    /// `ticks` when that is longer).
    static func shortReplay(ticks: Int = 20) throws -> [UInt8] {
        var config = Config.small
        config.episode.horizon = max(config.episode.horizon, ticks)
        let world = World(config: config, map: forageMap(config: config), seed: 5)
        let path = temporaryPath()
        defer { discard(path) }
        let writer = try ReplayWriter(path: path, world: world)
        var rng = Rng(seed: 6)
        for _ in 0..<ticks {
            randomMoves(for: world, using: &rng)
            world.step()
            try writer.record(world)
        }
        let summary = try writer.finish()
        #expect(summary.tickCount == ticks + 1, "the fixture replay should hold ticks 0...\(ticks)")
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The format 3 file holding the same records as the format 4 file `bytes`: the header with
    /// version 3, the records decompressed and laid end to end, one offset per record.
    static func formatThree(_ bytes: [UInt8]) throws -> [UInt8] {
        let (recordsStart, index) = try recordIndex(of: bytes, version: 4)
        var file = Array(bytes[0..<recordsStart])
        file[8] = 3
        var offsets: [Int] = []
        for block in 0..<index.blockCount {
            let (records, ranges) = try index.records(ofBlock: block, in: bytes, named: "probe")
            for range in ranges {
                offsets.append(file.count)
                file += records[range]
            }
        }
        appendFooter(to: &file, offsets: offsets, tickCount: index.tickCount)
        return file
    }

    /// The format 4 file holding the same records as the format 3 file `bytes`, compressed the
    /// way `ReplayWriter` does it.
    static func formatFour(_ bytes: [UInt8]) throws -> [UInt8] {
        let (recordsStart, index) = try recordIndex(of: bytes, version: 3)
        var file = Array(bytes[0..<recordsStart])
        file[8] = 4
        var offsets: [Int] = []
        let compressor = try #require(ReplayBlockCompressor(level: ReplayFormat.compressionLevel))
        for block in 0..<index.blockCount {
            let (records, ranges) = try index.records(ofBlock: block, in: bytes, named: "probe")
            for range in ranges {
                var length = ByteWriter()
                length.varint(UInt64(range.count))
                length.bytes.withUnsafeBytes { compressor.append($0) }
                records[range].withUnsafeBytes { compressor.append($0) }
            }
            offsets.append(file.count)
            var size = ByteWriter()
            size.varint(UInt64(compressor.uncompressedCount))
            file += size.bytes
            file += Array(compressor.finishBlock())
            compressor.startNextBlock()
        }
        appendFooter(to: &file, offsets: offsets, tickCount: index.tickCount)
        return file
    }

    /// Where the records of a format `version` file start, and where each record or block lies.
    static func recordIndex(of bytes: [UInt8], version: Int) throws -> (recordsStart: Int, index: ReplayRecordIndex) {
        let header = try ReplayHeader.read(from: bytes, file: "probe")
        try #require(Int(header.header.version) == version)
        let limit = ReplaySizeLimit(header: header.header, headerSize: header.end, config: try ConfigFile.parse(Data(header.header.configJSON)))
        return (header.end, try ReplayRecordIndex.read(from: bytes, version: version, recordsStart: header.end, limit: limit, file: "probe"))
    }

    /// Appends the offset table, tick count, footer magic and checksum.
    static func appendFooter(to file: inout [UInt8], offsets: [Int], tickCount: Int) {
        var footer = ByteWriter()
        for offset in offsets { footer.u64(UInt64(offset)) }
        footer.u32(UInt32(tickCount))
        footer.append(ReplayFormat.footerMagic)
        footer.u64(0)
        file += footer.bytes
        fixChecksum(&file)
    }

    /// Rewrites the trailing checksum so that it matches the rest of the bytes.
    static func fixChecksum(_ bytes: inout [UInt8]) {
        let checksum = bytes.withUnsafeBytes { FNV1a.hash(UnsafeRawBufferPointer(rebasing: $0[0..<(bytes.count - 8)])) }
        for index in 0..<8 {
            bytes[bytes.count - 8 + index] = UInt8(truncatingIfNeeded: checksum >> (8 * index))
        }
    }

    /// Writes `bytes` to a temporary file and loads it; returns the file's path (already deleted)
    /// and the error loading threw, or nil if it loaded.
    static func loadError(ofFileWith bytes: [UInt8]) throws -> (path: String, error: ReplayError?) {
        let path = temporaryPath("damaged.replay")
        defer { discard(path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try Replay.load(path: path)
            return (path, nil)
        } catch {
            return (path, error)
        }
    }
}
