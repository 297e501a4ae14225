import ArgumentParser
import Foundation
import MMOCore
import Testing
@testable import gridmmo

/// The CLI rejects bad arguments with messages that name the flag or file, and its commands work
/// end to end on small inputs.
struct CommandLineTests {
    @Test(arguments: [
        (["simulate", "--envs", "0"], "--envs must be in 1...65536"),
        (["simulate", "--ticks", "0"], "--ticks must be in 1...10000000"),
        (["simulate", "--threads", "0"], "--threads must be in 1...1024"),
        (["simulate", "--seed", "minus-one"], "--seed"),
        (["simulate", "--preset", "huge"], "--preset 'huge' is not a preset"),
        (["simulate", "--policy", "smart"], "--policy"),
        (["simulate", "--maps", "/nonexistent/maps"], "--maps /nonexistent/maps"),
        (["simulate", "--generated-maps", "0"], "--generated-maps must be in 1...4096"),
        (["maps", "generate", "--count", "0", "--seed", "1", "--out", "x"], "--count must be in 1...100000"),
        (["replay", "info", "/nonexistent/run.replay"], "/nonexistent/run.replay: cannot be read"),
        (["config", "validate", "/nonexistent/config.json"], "/nonexistent/config.json: cannot be read"),
        (["bench", "--repetitions", "0"], "--repetitions must be in 1...1000"),
    ])
    func badArgumentsAreNamed(arguments: [String], message: String) {
        let text = CommandRunner.failure(arguments)
        #expect(text?.contains(message) == true, "got: \(text ?? "no error")")
    }

    @Test func badConfigFileIsNamed() throws {
        let path = CommandRunner.temporaryPath("config.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(#"{"players": {"count": "x"}}"#.utf8).write(to: URL(fileURLWithPath: path))
        let text = CommandRunner.failure(["simulate", "--config", path, "--ticks", "1"])
        #expect(text?.contains("--config \(path): key 'players.count'") == true, "got: \(text ?? "no error")")
    }

    @Test func simulateWritesAReplayThatReplayInfoAccepts() throws {
        let replay = CommandRunner.temporaryPath("run.replay")
        defer { try? FileManager.default.removeItem(atPath: replay) }
        #expect(CommandRunner.failure(["simulate", "--preset", "small", "--envs", "2", "--ticks", "40", "--threads", "2", "--generated-maps", "1", "--replay", replay]) == nil)
        #expect(FileManager.default.fileExists(atPath: replay))
        #expect(!FileManager.default.fileExists(atPath: replay + ".tmp"))
        let loaded = try Replay.load(path: replay)
        #expect(loaded.config == Config.small && loaded.tickCount >= 2)
        #expect(CommandRunner.failure(["replay", "info", replay]) == nil)
    }

    @Test func corruptReplayIsRejectedWithoutCrashing() throws {
        let replay = CommandRunner.temporaryPath("bad.replay")
        defer { try? FileManager.default.removeItem(atPath: replay) }
        try Data("GMMOREPL but not really".utf8).write(to: URL(fileURLWithPath: replay))
        let text = CommandRunner.failure(["replay", "info", replay])
        #expect(text?.contains(replay) == true, "got: \(text ?? "no error")")
    }

    @Test func mapsGenerateWritesALoadableSet() throws {
        let directory = CommandRunner.temporaryPath("maps")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(CommandRunner.failure(["maps", "generate", "--preset", "small", "--count", "3", "--seed", "7", "--out", directory]) == nil)
        let set = try MapSet.load(directory: directory, config: .small)
        #expect(set.maps.count == 3)
        #expect(set.maps[0] == TerrainGenerator.generate(config: .small, seed: 7))
        #expect(CommandRunner.failure(["maps", "info", "--preset", "small", directory + "/map_0002.npy"]) == nil)
        // The same directory loaded with the wrong config is refused with the file named.
        let text = CommandRunner.failure(["simulate", "--maps", directory, "--ticks", "1"])
        #expect(text?.contains(directory) == true, "got: \(text ?? "no error")")
    }
}
