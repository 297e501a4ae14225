import Foundation
import Testing
@testable import gridmmo

/// `gridmmo attack` on a tiny sweep writes its report files, and bad input is refused, naming the
/// flag or file, before any episode runs.
@Suite struct AttackCommandTests {
    static let tiny = EvalCommandTests.tiny + ["--teams", "8", "--envs", "2", "--episodes", "2", "--probe-samples", "0"]

    static func checkpoint(in directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/policy.safetensors"
        try EvalCheckpointTests.writeCheckpoint(config: .small, to: path)
        return path
    }

    @Test func sweepWritesItsReport() throws {
        let directory = CommandRunner.temporaryPath("attack")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let policy = try Self.checkpoint(in: directory)
        let out = directory + "/out"
        CommandRunner.succeed(["attack", "--policy", policy, "--attack", "uniform,hadamard", "--eps", "0.05,0.1", "--flips", "1", "--out", out] + Self.tiny)
        let report = try EvalCommandTests.read(out, "report.md")
        #expect(report.hasPrefix("# Observation attacks on \(policy)"))
        for label in ["clean", "uniform eps=0.05 k=1 m=50%", "uniform eps=0.1 k=1 m=50%", "hadamard eps=0.05 k=1 m=50%", "hadamard eps=0.1 k=1 m=50%"] {
            #expect(report.contains("| \(label) |"), "report lacks \(label)")
        }
        let results = try #require(try JSONSerialization.jsonObject(with: Data(try EvalCommandTests.read(out, "results.json").utf8)) as? [String: Any])
        let settings = try #require(results["results"] as? [[String: Any]])
        #expect(settings.count == 5)
        #expect((results["policyDigest"] as? String)?.hasPrefix("fnv1a:") == true)
        for name in ["returns.svg", "completion.svg"] { #expect(EvalCommandTests.xmlRoot(try EvalCommandTests.read(out, name)) == "svg") }
    }

    @Test func badInputIsRefusedNamingItsFlag() throws {
        let directory = CommandRunner.temporaryPath("attack-bad")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let policy = try Self.checkpoint(in: directory)
        let garbage = directory + "/garbage.safetensors"
        try Data("not a checkpoint".utf8).write(to: URL(fileURLWithPath: garbage))
        let out = directory + "/out"
        let base = ["attack", "--out", out] + Self.tiny
        let cases: [([String], String)] = [
            (base + ["--policy", policy, "--attack", "alighn"], "--attack: 'alighn' is not valid; choose from"),
            (base + ["--policy", policy, "--attack", "clean"], "--attack: 'clean' is not valid"),
            (base + ["--policy", policy, "--eps", "0.1,x"], "--eps: 'x' is not valid"),
            (base + ["--policy", policy, "--eps", "2"], "--eps: '2' is not valid"),
            (base + ["--policy", policy, "--fraction", "0"], "--fraction: '0' is not valid"),
            (base + ["--policy", policy, "--flips", "300"], "--flips: '300' is not valid"),
            (base + ["--policy", policy, "--samples", ""], "--samples is empty"),
            (base + ["--policy", policy, "--steps", "0"], "--steps: '0' is not valid"),
            (base + ["--policy", garbage], "--policy \(garbage)"),
            (base + ["--policy", directory + "/none.safetensors"], "--policy \(directory)/none.safetensors"),
            (base + ["--policy", policy, "--teams", "3"], "--teams 3 does not split 64 players evenly"),
            (base + ["--policy", policy, "--probe-samples", "5"], "--probe-samples must be 0 or in 10...1000000, got 5"),
            (base + ["--policy", policy, "--attack", "align", "--fraction", "0.1"], "Align needs at least 2 attacked agents per team, got 1"),
        ]
        for (arguments, expected) in cases {
            let message = CommandRunner.failure(arguments)
            #expect(message?.contains(expected) == true, "gridmmo \(arguments.joined(separator: " ")): \(message ?? "succeeded"), expected \(expected)")
        }
        #expect(!FileManager.default.fileExists(atPath: out), "a refused run left \(out) behind")
    }
}
