import ArgumentParser
import Foundation
@testable import MMOCore
import Testing
@testable import gridmmo

/// `gridmmo view`: bad replays, flags and output directories give one clear message each (and no
/// window), and the headless export writes frames and contact sheets.
@Suite(.serialized) struct ViewCommandTests {
    private let directory: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gridmmo-view-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// A finished 12-tick replay of the small preset.
    private func replayBytes() throws -> (path: String, bytes: [UInt8]) {
        let path = directory + "/good.replay"
        if !FileManager.default.fileExists(atPath: path) {
            #expect(CommandRunner.failure(["simulate", "--preset", "small", "--envs", "1", "--ticks", "12", "--generated-maps", "1", "--replay", path]) == nil)
        }
        return (path, [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    private func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func badReplaysAreReportedByTheReader() throws {
        let (_, bytes) = try replayBytes()
        var corrupt = bytes
        corrupt[corrupt.count / 2] ^= 0x5A
        var newer = bytes
        newer[8] = 9
        let cases: [(path: String, message: String)] = [
            (directory + "/missing.replay", "missing.replay: cannot be read: No such file or directory"),
            (try write(Array(bytes.prefix(bytes.count - 100)), "truncated.replay"), "truncated.replay: truncated"),
            (try write(corrupt, "corrupt.replay"), "corrupt.replay: checksum mismatch (file is corrupt)"),
            (try write(newer, "newer.replay"), "newer.replay: replay format version 9 is newer than this build understands"),
            (try write(Array("hello".utf8), "text.replay"), "text.replay: not a GridMMO replay (bad magic)"),
        ]
        for (path, message) in cases {
            for extra in [[], ["--headless", "--out", directory + "/frames"]] {
                let text = CommandRunner.failure(["view", path] + extra)
                #expect(text?.contains(message) == true, "got: \(text ?? "no error")")
            }
        }
    }

    /// A replay whose checksum is valid but whose tick 2 holds an impossible state, as a buggy
    /// writer would record it: `damage` changes the world before that tick is recorded.
    private func impossibleReplay(_ name: String, damage: (World) -> Void) throws -> String {
        let path = directory + "/" + name
        let world = World(config: .small, map: HandMadeMap.make(config: .small), seed: 3)
        let writer = try ReplayWriter(path: path, world: world)
        for tick in 1...2 {
            world.step()
            if tick == 2 { damage(world) }
            try writer.record(world)
        }
        _ = try writer.finish()
        return path
    }

    @Test func impossibleStatesAreRefusedBeforeTheViewerSeesThem() throws {
        let cases = [
            (try impossibleReplay("far.replay") { $0.entities.row[0] = 300_000_000 }, "corrupt tick record 2: row of slot 0 is 300000000, outside 0...63"),
            (try impossibleReplay("equipment.replay") { $0.inventory.equipment[EquipmentSlot.held.rawValue] = 1_000_000 }, "corrupt tick record 2: inventory slot equipped as held of slot 0 is 1000000, outside -1...11"),
        ]
        for (path, message) in cases {
            for arguments in [["replay", "info", path], ["view", path, "--headless", "--out", directory + "/frames", "--ticks", "2", "--select", "1", "--zoom", "16"]] {
                let text = CommandRunner.failure(arguments)
                #expect(text == "\(path): \(message)", "gridmmo \(arguments.joined(separator: " ")): got \(text ?? "no error")")
            }
        }
    }

    @Test func badFlagsAreNamed() throws {
        let (path, _) = try replayBytes()
        let out = directory + "/out"
        let file = try write([1], "a-file")
        var cases: [([String], String)] = [
            (["--headless"], "--headless needs --out DIR"),
            (["--out", out], "--out and --contact-sheet need --headless"),
            (["--zoom", "5"], "--zoom must be one of 2, 4, 8, 16, 32, 48, 64, got 5"),
            (["--size", "10x10"], "--size must be WIDTHxHEIGHT with each side in 64...8192, got '10x10'"),
            (["--overlays", "fog,smoke"], "--overlays: unknown overlay 'smoke'"),
            (["--select", "65"], "--select must be a player id in 1...64, got 65"),
            (["--headless", "--out", out, "--keys", "space"], "--keys, --exit-after and --screenshot are for the window"),
        ]
        #if Viewer
        cases += [
            (["--headless", "--out", out, "--ticks", "0:x"], "--ticks '0:x': end 'x' is not a non-negative integer"),
            (["--headless", "--out", out, "--ticks", "10:5"], "--ticks '10:5': end 5 must be greater than start 10"),
            (["--headless", "--out", out, "--ticks", "0:100"], "--ticks: end 100 is beyond the replay's 13 ticks (0...12)"),
            (["--headless", "--out", file], "--out \(file): exists and is not a directory"),
            (["--keys", "nokey"], "--keys: unknown key 'nokey'"),
        ]
        #else
        cases.append((["--headless", "--out", out], "this gridmmo was built without the viewer; rebuild with `swift build --traits Viewer`"))
        #endif
        for (arguments, message) in cases {
            let text = CommandRunner.failure(["view", path] + arguments)
            #expect(text?.contains(message) == true, "\(arguments): got \(text ?? "no error")")
        }
    }

    #if Viewer
    @Test func headlessExportWritesFramesAndContactSheets() throws {
        let (path, _) = try replayBytes()
        let out = directory + "/new/frames"
        #expect(CommandRunner.failure(["view", path, "--headless", "--ticks", "0:13:4", "--out", out, "--size", "320x200", "--select", "3", "--follow", "--zoom", "16"]) == nil)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["frame_00000.png", "frame_00004.png", "frame_00008.png", "frame_00012.png"])
        #expect(CommandRunner.failure(["view", path, "--headless", "--ticks", "0::6", "--out", out, "--contact-sheet", "--cell-size", "100x80"]) == nil)
        let sheet = try Data(contentsOf: URL(fileURLWithPath: out + "/contact-sheet.png"))
        #expect(sheet.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(!FileManager.default.fileExists(atPath: out + "/contact-sheet.png.tmp"))
    }
    #endif
}
