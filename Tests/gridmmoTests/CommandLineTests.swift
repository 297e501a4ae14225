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
        (["bench", "blas", "--threads", "0"], "--threads must be in 1...256, got 0"),
        (["bench", "blas", "--layer", "512x"], "--layer must be INPUTSxOUTPUTS with both in 1...16384, such as 512x256, got '512x'"),
        (["bench", "blas", "--layer", "0x8"], "--layer must be INPUTSxOUTPUTS with both in 1...16384, such as 512x256, got '0x8'"),
        (["bench", "blas", "--batch", "0"], "--batch must be in 1...65536, got 0"),
        (["bench", "blas", "--seconds", "0"], "--seconds must be in 0.001...60, got 0.0"),
        (["train", "--steps", "1", "--out", "x", "--robust-epsilon", "0.1"], "--robust-epsilon needs --robust-attack (pgd, fgsm, gaussian or uniform)"),
        (["train", "--steps", "1", "--out", "x", "--robust-attack", "pgd", "--robust-epsilon", "2"], "--robust-epsilon must be in (0, 1], got 2.0"),
        (["train", "--steps", "1", "--out", "x", "--robust-attack", "pgd", "--robust-fraction", "0"], "--robust-fraction must be in (0, 1], got 0.0"),
        (["train", "--steps", "1", "--out", "x", "--robust-attack", "uniform", "--robust-steps", "4"],
         "--robust-steps applies to --robust-attack pgd only, not uniform"),
        (["train", "--steps", "1", "--out", "x", "--robust-attack", "fgsm", "--recurrent"], "--robust-attack fgsm needs a feedforward policy"),
        (["train", "--steps", "1", "--out", "x", "--robust-attack", "noise"], "'--robust-attack <robust-attack>'"),
    ])
    func badArgumentsAreNamed(arguments: [String], message: String) {
        let text = CommandRunner.failure(arguments)
        #expect(text?.contains(message) == true, "got: \(text ?? "no error")")
    }

    /// Numbers out of range, negative or beyond 64 bits, as the built executable reports them: exit
    /// status 64, one line on standard error naming the flag, no usage text, nothing written.
    @Test(arguments: [
        (["maps", "generate", "--count", "3", "--seed", "18446744073709551615", "--out", "OUT"],
         "--seed must be at most 18446744073709551613 for --count 3 (the last map's seed is --seed + --count - 1), got 18446744073709551615"),
        (["maps", "generate", "--count", "-1", "--seed", "1", "--out", "OUT"], "--count must be in 1...100000, got -1"),
        (["maps", "generate", "--count", "3", "--seed", "-1", "--out", "OUT"], "The value '-1' is invalid for '--seed <seed>'"),
        (["simulate", "--envs", "-1"], "--envs must be in 1...65536, got -1"),
        (["simulate", "--envs", "99999999999999999999"], "The value '99999999999999999999' is invalid for '--envs <envs>'"),
        (["simulate", "--threads", "-2"], "--threads must be in 1...1024, got -2"),
        (["simulate", "--ticks", "-1"], "--ticks must be in 1...10000000, got -1"),
        (["simulate", "--seed", "-1"], "The value '-1' is invalid for '--seed <seed>'"),
        (["simulate", "--seed", "18446744073709551616"], "The value '18446744073709551616' is invalid for '--seed <seed>'"),
        (["simulate", "--generated-maps", "-1", "--preset", "small"], "--generated-maps must be in 1...4096, got -1"),
        (["soak", "--ticks", "-9223372036854775808"], "--ticks must be in 1...10000000, got -9223372036854775808"),
        (["bench", "--ticks", "-1"], "--ticks must be in 1...1000000, got -1"),
        (["bench", "--repetitions", "-1"], "--repetitions must be in 1...1000, got -1"),
        (["tasks", "sample", "--count", "-1"], "--count must be in 1...1000000, got -1"),
        (["tasks", "sample", "--seed", "-1"], "The value '-1' is invalid for '--seed <seed>'"),
        (["view", "OUT", "--zoom", "-1"], "--zoom must be one of"),
        (["view", "OUT", "--exit-after", "-1"], "--exit-after must be positive, got -1.0"),
        (["simulate", "--bogus"], "Unknown option '--bogus'"),
        (["config", "validate", "OUT"], "OUT: cannot be read"),
        (["train", "--preset", "small", "--steps", "1", "--envs", "1", "--out", "OUT", "--initial", "/nonexistent/none.safetensors"], "--initial /nonexistent/none.safetensors: cannot be read"),
    ])
    func badNumbersGiveOneLineNamingTheFlag(arguments: [String], message: String) throws {
        let out = CommandRunner.temporaryPath("out")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let outcome = try CommandRunner.launch(arguments.map { $0 == "OUT" ? out : $0 })
        let expected = message.replacingOccurrences(of: "OUT", with: out)
        #expect(outcome.status == 64)
        let lines = outcome.standardError.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[0].hasPrefix("Error: ") && lines[0].contains(expected) && lines[1].isEmpty,
                "stderr: \(outcome.standardError)")
        #expect(outcome.standardOutput.isEmpty, "stdout: \(outcome.standardOutput)")
        #expect(!FileManager.default.fileExists(atPath: out))
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

    @Test(arguments: PolicyChoice.scriptedNames)
    func everyPolicyRunsSimulateAndBench(policy: String) {
        let small = ["--preset", "small", "--envs", "2", "--threads", "2", "--generated-maps", "1", "--policy", policy]
        #expect(CommandRunner.failure(["simulate", "--ticks", "20"] + small) == nil)
        #expect(CommandRunner.failure(["bench", "--ticks", "4", "--repetitions", "1"] + small) == nil)
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
