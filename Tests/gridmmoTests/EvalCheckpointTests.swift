import Foundation
import Testing
import MMOCore
import MMOEnv
import MMOTrain
@testable import gridmmo

/// `gridmmo eval` with a policy checkpoint as an entrant: a learned policy sharing PvP worlds with
/// scripted ones gives the same results on 1 and 2 threads, and a checkpoint made for other rules
/// is refused before any game, naming the entrant.
@Suite struct EvalCheckpointTests {
    /// Writes an untrained network for `config` to `path`.
    static func writeCheckpoint(config: Config, to path: String) throws {
        let layout = ObservationLayout(config: config, tasks: true)
        let network = PolicyNetwork(sizes: PolicyConfig(), layout: layout, actionLayout: ActionLayout(config: config), config: config, seed: 5)
        try PolicyCheckpoint.save(network, adam: nil, layout: layout, config: config, trainerState: nil, to: path)
    }

    @Test func aLearnedEntrantPlaysPvPIndependentlyOfThreads() throws {
        let directory = CommandRunner.temporaryPath("checkpoint")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let checkpoint = directory + "/policy.safetensors"
        try Self.writeCheckpoint(config: .small, to: checkpoint)
        let arguments = ["eval", "pvp", "--entrant", "net=" + checkpoint, "--entrant", "forager", "--episodes", "3", "--envs", "2", "--teams", "4"]
            + EvalCommandTests.tiny
        var results: [NSDictionary] = []
        for threads in ["1", "2"] {
            let out = directory + "/t" + threads
            CommandRunner.succeed(arguments + ["--threads", threads, "--out", out])
            var json = try #require(try JSONSerialization.jsonObject(with: Data(try EvalCommandTests.read(out, "results.json").utf8)) as? [String: Any])
            json["run"] = nil
            results.append(json as NSDictionary)
        }
        #expect(results[0] == results[1])
        let plan = try #require(results[0]["plan"] as? [String: Any])
        let entrants = try #require(plan["entrants"] as? [[String: Any]])
        #expect((entrants.first?["fingerprint"] as? String)?.hasPrefix("fnv1a:") == true)
    }

    @Test func aCheckpointForOtherRulesIsRefused() throws {
        let directory = CommandRunner.temporaryPath("mismatch")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var other = Config.small
        other.observation.entities = 8
        let checkpoint = directory + "/other.safetensors"
        try Self.writeCheckpoint(config: other, to: checkpoint)
        let message = CommandRunner.failure(["eval", "pve", "--entrant", "x=" + checkpoint, "--episodes", "1", "--out", directory + "/out"] + EvalCommandTests.tiny)
        #expect(message?.hasPrefix("--entrant x=\(checkpoint): \(checkpoint)") == true, "\(message ?? "succeeded")")
        #expect(!FileManager.default.fileExists(atPath: directory + "/out/results.json"))
    }
}
