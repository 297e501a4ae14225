import Foundation
import Testing
@testable import gridmmo
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `gridmmo eval` on tiny settings: the report files are well formed, shards merge into the single
/// run's report, and bad input is refused, naming the flag or file, before any game runs.
@Suite struct EvalCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let curriculum = root.appendingPathComponent("curricula/eval_heldout.json").path
    static let tiny = ["--preset", "small", "--generated-maps", "2", "--horizon", "32", "--curriculum", curriculum, "--resamples", "100"]

    static func read(_ directory: String, _ name: String) throws -> String {
        try String(contentsOfFile: (directory as NSString).appendingPathComponent(name), encoding: .utf8)
    }

    /// Parses `text` as XML and returns its root element's name, or nil when it is not well formed.
    static func xmlRoot(_ text: String) -> String? {
        final class Root: NSObject, XMLParserDelegate {
            var name: String?
            func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == nil { name = element }
            }
        }
        let parser = XMLParser(data: Data(text.utf8))
        let root = Root()
        parser.delegate = root
        return parser.parse() ? root.name : nil
    }

    @Test func pveWritesAWellFormedReport() throws {
        let out = CommandRunner.temporaryPath("pve")
        defer { try? FileManager.default.removeItem(atPath: out) }
        CommandRunner.succeed(["eval", "pve", "--entrant", "random", "--entrant", "mine=forager", "--episodes", "2", "--envs", "2", "--out", out] + Self.tiny)
        let report = try Self.read(out, "report.md")
        #expect(report.hasPrefix("# GridMMO evaluation: PvE"))
        #expect(report.contains("## Leaderboard") && report.contains("## Score per category") && report.contains("## Score per task"))
        #expect(report.contains("| mine | scripted forager |") || report.contains("mine | scripted forager"))
        let results = try #require(try JSONSerialization.jsonObject(with: Data(try Self.read(out, "results.json").utf8)) as? [String: Any])
        for key in ["plan", "leaderboard", "evaluations", "games", "run"] { #expect(results[key] != nil, "results.json lacks \(key)") }
        #expect(results["ratings"] == nil)
        let games = try #require(results["games"] as? [[String: Any]])
        #expect(games.count == 4)
        #expect(games.allSatisfy { $0["seed"] != nil && $0["map"] != nil })
        let board = try #require(results["leaderboard"] as? [[String: Any]])
        #expect(Set(board.compactMap { $0["entrant"] as? String }) == ["random", "mine"])
        #expect(Self.xmlRoot(try Self.read(out, "category-scores.svg")) == "svg")
        #expect(!FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent("ratings.svg")))
    }

    @Test func pvpWritesRatingsAndReplays() throws {
        let out = CommandRunner.temporaryPath("pvp")
        defer { try? FileManager.default.removeItem(atPath: out) }
        CommandRunner.succeed(["eval", "pvp", "--entrant", "random", "--entrant", "forager", "--entrant", "combat", "--episodes", "3", "--envs", "2",
                               "--teams", "8", "--replays", "1", "--out", out] + Self.tiny)
        let results = try #require(try JSONSerialization.jsonObject(with: Data(try Self.read(out, "results.json").utf8)) as? [String: Any])
        let ratings = try #require(results["ratings"] as? [[[String: Double]]])
        #expect(ratings.count == 3 && ratings.allSatisfy { $0.count == 3 })
        #expect(Self.xmlRoot(try Self.read(out, "ratings.svg")) == "svg")
        #expect(Self.xmlRoot(try Self.read(out, "category-scores.svg")) == "svg")
        #expect(try Self.read(out, "report.md").contains("rating ordinal"))
        let replays = try FileManager.default.contentsOfDirectory(atPath: (out as NSString).appendingPathComponent("replays"))
        #expect(replays == ["game_0000.replay"])
    }

    @Test func mergedShardsWriteTheSingleRunsReport() throws {
        let base = CommandRunner.temporaryPath("shards")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let arguments = ["eval", "pvp", "--entrant", "random", "--entrant", "combat", "--episodes", "5", "--envs", "2", "--teams", "4"] + Self.tiny
        CommandRunner.succeed(arguments + ["--out", base + "/single", "--threads", "2"])
        for index in 0..<3 { CommandRunner.succeed(arguments + ["--out", base + "/s\(index)", "--shard", "\(index)/3", "--threads", "1"]) }
        CommandRunner.succeed(["eval", "merge", base + "/s2", base + "/s0", base + "/s1/partial.json", "--out", base + "/merged"])
        for name in ["report.md", "category-scores.svg", "ratings.svg"] {
            #expect(try Self.read(base + "/single", name) == Self.read(base + "/merged", name), "\(name) differs")
        }
        func withoutRun(_ directory: String) throws -> NSDictionary {
            var results = try #require(try JSONSerialization.jsonObject(with: Data(try Self.read(directory, "results.json").utf8)) as? [String: Any])
            results["run"] = nil
            return results as NSDictionary
        }
        #expect(try withoutRun(base + "/single") == withoutRun(base + "/merged"))
        let missing = CommandRunner.failure(["eval", "merge", base + "/s0", base + "/s2", "--out", base + "/bad"])
        #expect(missing?.contains("merge: no partial result covers games 2..<4") == true, "\(missing ?? "nil")")
        let mixed = CommandRunner.failure(["eval", "merge", base + "/s0", base + "/single", "--out", base + "/bad"])
        #expect(mixed?.contains("single/partial.json") == true, "\(mixed ?? "nil")")
    }

    @Test func badInputIsRefusedBeforeAnyGameNamingItsFlag() throws {
        let directory = CommandRunner.temporaryPath("bad")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let out = directory + "/out"
        let garbage = directory + "/garbage.safetensors"
        try Data("not a checkpoint".utf8).write(to: URL(fileURLWithPath: garbage))
        let emptyCurriculum = directory + "/empty.json"
        try Data(#"{"format": "gridmmo-curriculum", "version": 1, "tasks": []}"#.utf8).write(to: URL(fileURLWithPath: emptyCurriculum))
        let emptyMaps = directory + "/maps"
        try FileManager.default.createDirectory(atPath: emptyMaps, withIntermediateDirectories: true)
        let pve = ["eval", "pve", "--out", out, "--episodes", "1"] + Self.tiny
        let pvp = ["eval", "pvp", "--out", out, "--episodes", "1"] + Self.tiny
        let cases: [([String], String)] = [
            (pve + ["--entrant", "forrager"], "--entrant forrager: 'forrager' is not a scripted agent (random, forager, combat)"),
            (pve, "--entrant: no entrant given"),
            (pve + ["--entrant", "random", "--entrant", "random"], "--entrant random: two entrants are named 'random'"),
            (pve + ["--entrant", "x=runs/none/checkpoint.safetensors"], "--entrant x=runs/none/checkpoint.safetensors: runs/none/checkpoint.safetensors"),
            (pve + ["--entrant", "x=" + garbage], "--entrant x=\(garbage): \(garbage)"),
            (pve + ["--entrant", "random", "--curriculum", emptyCurriculum], "--curriculum \(emptyCurriculum)"),
            (["eval", "pve", "--out", out, "--preset", "small", "--maps", emptyMaps, "--entrant", "random"], "--maps \(emptyMaps)"),
            (["eval", "pve", "--out", out, "--preset", "small", "--entrant", "random"], "--maps maps/eval"),
            (pvp + ["--entrant", "random"], "--entrant: PvP needs at least 2 entrants, got 1"),
            (pvp + ["--entrant", "random", "--entrant", "forager", "--entrant", "combat", "--teams", "2"], "--entrant: 3 entrants do not fit 2 teams"),
            (pvp + ["--entrant", "random", "--entrant", "forager", "--teams", "3"], "--teams 3 teams do not split 64 players evenly"),
            (pvp + ["--entrant", "random", "--entrant", "forager", "--shard", "2/2"], "--shard '2/2' is not a shard"),
            (pvp + ["--entrant", "random", "--entrant", "forager", "--shard", "1/2"], "--shard 1/2: 2 shards for 1 batch(es) of games"),
            (pve + ["--entrant", "random", "--envs", "0"], "--envs must be in 1...4096, got 0"),
        ]
        for (arguments, expected) in cases {
            let message = CommandRunner.failure(arguments)
            #expect(message?.contains(expected) == true, "gridmmo \(arguments.joined(separator: " ")): \(message ?? "succeeded"), expected \(expected)")
        }
        #expect(!FileManager.default.fileExists(atPath: out + "/results.json"))
        #expect(!FileManager.default.fileExists(atPath: out + "/replays"))
        try Data().write(to: URL(fileURLWithPath: directory + "/file"))
        #expect(CommandRunner.failure(pve + ["--entrant", "random", "--out", directory + "/file"])?.contains("exists and is not a directory") == true)
    }
}
