import Foundation
import Testing
@testable import MMOCore
@testable import gridmmo

/// Issue 9's size target: a default episode with all 128 agents alive for 1,024 ticks, recorded by
/// `gridmmo simulate`, fits in 1 MB, and seeking into it gives the state of playing it from tick 0.
struct FullPopulationReplayTests {
    @Test func aFullPopulationDefaultEpisodeFitsInOneMegabyteAndSeeks() throws {
        let path = CommandRunner.temporaryPath("full.replay")
        defer { try? FileManager.default.removeItem(atPath: path) }
        // players.immortal: no player dies, every rule still runs (agents fight, harvest, trade).
        CommandRunner.succeed(["simulate", "--immortal", "--envs", "1", "--ticks", "1024", "--seed", "1", "--generated-maps", "1", "--threads", "1", "--replay", path])
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        print("full-population default episode replay: \(bytes.count) bytes")
        #expect(bytes.count <= 1_000_000)

        let replay = try Replay.decode(bytes, file: path)
        #expect(replay.version == 4 && replay.tickCount == 1025 && replay.config.players.count == 128 && replay.config.players.immortal)
        let survivors = replay.frame(at: 1024).entities.prefix(128).count { $0.alive }
        #expect(survivors == 128, "every agent lives to the end")

        // Play every record from tick 0 through one playback and compare with seeking.
        let sampled: Set = [0, 1, 63, 64, 65, 500, 767, 1000, 1024]
        let (header, recordsStart) = try ReplayHeader.read(from: bytes, file: path)
        let limit = ReplaySizeLimit(header: header, headerSize: recordsStart, config: replay.config)
        let index = try ReplayRecordIndex.read(from: bytes, version: Int(header.version), recordsStart: recordsStart, limit: limit, file: path)
        let ranges = ReplayValueRanges(config: replay.config, slotCount: replay.slotCount)
        var playback = ReplayPlayback(file: path, version: replay.version, map: replay.map, ranges: ranges, taskPlayers: nil, taskNames: [])
        var compared = 0
        var hits = 0
        for block in 0..<index.blockCount {
            let (records, ranges) = try index.records(ofBlock: block, in: bytes, named: path)
            for (offset, tick) in index.ticks(ofBlock: block).enumerated() {
                try playback.apply(tick: tick, bytes: records, range: ranges[offset])
                hits += playback.events.count { $0.kind == .scoreHit }
                guard sampled.contains(tick) else { continue }
                let sought = replay.frame(at: tick)
                #expect(sought.entities == playback.entities, "entities at tick \(tick)")
                #expect(sought.materials == playback.materials, "tiles at tick \(tick)")
                #expect(sought.events == playback.events, "events at tick \(tick)")
                #expect(sought.details.values == playback.details, "details at tick \(tick)")
                compared += 1
            }
        }
        #expect(compared == sampled.count)
        // A busy episode (8,533 hits here), not a quiet one that would compress easily.
        #expect(hits > 5_000, "agents fight all episode")
    }
}
