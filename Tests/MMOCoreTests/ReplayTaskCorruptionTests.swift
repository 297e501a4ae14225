import Foundation
import Testing
@testable import MMOCore

/// Damaged tasks blocks are refused with messages that name the file.
struct ReplayTaskCorruptionTests {
    /// A 2-player replay with tasks, as format 3 (records end to end, so they can be edited in
    /// place; `aDamagedRecordWithAValidChecksumIsCorrupt` shows format 4 finds the same damage): tick 0 deals "zeta_task" and "b" (both at progress 0, so
    /// record 0 ends with the bytes 0 0 1 0), tick 2 moves player 1 to progress 0.5 (so record 2
    /// ends with player gap 1, mask 2 and the 3-byte progress 32768).
    private static func taskReplay() throws -> [UInt8] {
        let world = ReplayFixture.twoPlayerWorld(seed: 8)
        let path = ReplayFixture.temporaryPath()
        defer { ReplayFixture.discard(path) }
        var tasks = ReplayTasks(names: ["zeta_task", "b"], labels: [0, 1], progress: [0, 0])
        let writer = try ReplayWriter(path: path, world: world, tasks: tasks)
        for tick in 1...3 {
            world.step()
            if tick == 2 { tasks.progress[1] = 0.5 }
            try writer.record(world, tasks: tasks)
        }
        _ = try writer.finish()
        return try ReplayFixture.formatThree([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// The tick count and the start of the offset table, read from the footer.
    private static func tickIndex(_ bytes: [UInt8]) -> (count: Int, start: Int) {
        let countStart = bytes.count - ReplayFormat.footerTailSize
        let count = (0..<4).reduce(0) { $0 | Int(bytes[countStart + $1]) << (8 * $1) }
        return (count, countStart - 8 * count)
    }

    /// Where the record of `tick` starts.
    private static func recordStart(_ bytes: [UInt8], tick: Int) -> Int {
        let entry = tickIndex(bytes).start + 8 * tick
        return (0..<8).reduce(0) { $0 | Int(bytes[entry + $1]) << (8 * $1) }
    }

    /// Replaces `range` with `replacement`, moves the offsets of the later records to match, and
    /// fixes the checksum.
    private static func splice(_ bytes: inout [UInt8], _ range: Range<Int>, with replacement: [UInt8]) {
        let shift = replacement.count - range.count
        bytes.replaceSubrange(range, with: replacement)
        let index = tickIndex(bytes)
        for tick in 0..<index.count {
            let offset = recordStart(bytes, tick: tick)
            guard offset >= range.upperBound else { continue }
            for byte in 0..<8 {
                bytes[index.start + 8 * tick + byte] = UInt8(truncatingIfNeeded: (offset + shift) >> (8 * byte))
            }
        }
        ReplayFixture.fixChecksum(&bytes)
    }

    @Test func theUndamagedReplayLoads() throws {
        let replay = try Replay.decode(try Self.taskReplay(), file: "tasks.replay")
        #expect(replay.taskNames == ["zeta_task", "b"])
        #expect(replay.frame(at: 3).tasks?.name(ofPlayer: 1) == "b")
        let bytes = try Self.taskReplay()
        let recordOneStart = Self.recordStart(bytes, tick: 1)
        #expect(Array(bytes[(recordOneStart - 4)..<recordOneStart]) == [0, 0, 1, 0])
    }

    @Test func aLabelOutsideTheStringTableIsCorrupt() throws {
        var bytes = try Self.taskReplay()
        bytes[Self.recordStart(bytes, tick: 1) - 2] = 5
        ReplayFixture.fixChecksum(&bytes)
        let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
        #expect(error?.description == "\(path): corrupt tick record 0: player 1's task label 5 is outside the string table of 2 names")
    }

    @Test func aProgressBeyondTheScaleIsCorrupt() throws {
        var bytes = try Self.taskReplay()
        let end = Self.recordStart(bytes, tick: 1)
        Self.splice(&bytes, (end - 1)..<end, with: [0x80, 0x80, 0x04])
        let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
        #expect(error?.description == "\(path): corrupt tick record 0: player 1's task progress 65536 is outside 0...65535")
    }

    @Test func aTruncatedTasksBlockIsRefused() throws {
        var bytes = try Self.taskReplay()
        let end = Self.recordStart(bytes, tick: 1)
        Self.splice(&bytes, (end - 1)..<end, with: [])
        let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
        #expect(error?.description == "\(path): truncated (expected 1 byte of tick record 0 at offset \(end - 1), found 0)")
    }

    @Test func anUnknownChangeMaskIsCorrupt() throws {
        var bytes = try Self.taskReplay()
        let mask = Self.recordStart(bytes, tick: 3) - 4
        #expect(bytes[mask] == ReplayFormat.taskProgressChanged)
        bytes[mask] = 4
        ReplayFixture.fixChecksum(&bytes)
        let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
        #expect(error?.description == "\(path): corrupt tick record 2: player 1 has task change mask 4, expected 1, 2 or 3")
    }

    @Test func aNameThatIsNotUTF8IsCorrupt() throws {
        var bytes = try Self.taskReplay()
        let name = Array("zeta_task".utf8)
        let start = try #require((0...(bytes.count - name.count)).first { bytes[$0..<($0 + name.count)].elementsEqual(name) })
        bytes[start] = 0xFF
        ReplayFixture.fixChecksum(&bytes)
        let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
        #expect(error?.description == "\(path): corrupt tick record 0: task name 0 is not valid UTF-8")
    }

    @Test func aVersionTwoHeaderCannotAnnounceTasks() throws {
        var bytes = try Self.taskReplay()
        bytes[8] = 2
        ReplayFixture.fixChecksum(&bytes)
        let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
        #expect(error?.description == "\(path): replay uses flags 0x1 that this build does not understand; update gridmmo")
    }
}
