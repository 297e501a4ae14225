import ArgumentParser
import Foundation
import Testing
@testable import gridmmo

/// `gridmmo tasks`: validation passes shipped files and names problems, sampling is deterministic,
/// and `generate` writes files that validate.
struct TasksCommandTests {
    private static let curricula = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("curricula").path

    @Test func validateAcceptsTheShippedFiles() {
        for name in ["train.json", "eval_heldout.json", "eval_sample.json"] {
            let text = CommandRunner.failure(["tasks", "validate", "\(Self.curricula)/\(name)"])
            #expect(text == nil, "got: \(text ?? "")")
        }
    }

    @Test func validateNamesTheProblem() throws {
        let path = CommandRunner.temporaryPath("bad.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = #"{"format": "gridmmo-curriculum", "version": 1, "tasks": [{"name": "w", "predicate": {"HarvestItem": {"item": "whetstone", "level": 11, "quantity": 5}}}]}"#
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let message = CommandRunner.failure(["tasks", "validate", path])
        #expect(message?.contains("\(path): task 0 'w': predicate.HarvestItem: argument 'level' must be in 1...10, got 11") == true, "got: \(message ?? "no error")")
        var command = try GridMMO.parseAsRoot(["tasks", "validate", path])
        #expect(throws: (any Error).self) { try command.run() }
        #expect(GridMMO.exitCode(for: ValidationError("x")) != .success)
        #expect(CommandRunner.failure(["tasks", "validate", "/nonexistent/c.json"])?.contains("/nonexistent/c.json: cannot be read") == true)
    }

    @Test func sampleIsDeterministic() throws {
        let file = "\(Self.curricula)/train.json"
        func draws(_ seed: String) throws -> [String] {
            let command = try #require(try GridMMO.parseAsRoot(["tasks", "sample", file, "--count", "50", "--seed", seed]) as? Tasks.Sample)
            return try command.draws().map(\.name)
        }
        let first = try draws("7")
        #expect(first == (try draws("7")))
        #expect(first.count == 50 && Set(first).count > 10)
        #expect(first != (try draws("8")))
        #expect(CommandRunner.failure(["tasks", "sample", file, "--count", "5", "--seed", "7"]) == nil)
        #expect(CommandRunner.failure(["tasks", "sample", file, "--count", "0"])?.contains("--count must be in 1...1000000") == true)
    }

    @Test func generateWritesValidFilesAndListShowWork() throws {
        let directory = CommandRunner.temporaryPath("curricula")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(CommandRunner.failure(["tasks", "generate", "--out", directory]) == nil)
        for name in ["train.json", "eval_heldout.json", "eval_sample.json"] {
            let generated = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name)"))
            let shipped = try Data(contentsOf: URL(fileURLWithPath: "\(Self.curricula)/\(name)"))
            #expect(generated == shipped, "\(name) differs from the shipped file")
        }
        #expect(CommandRunner.failure(["tasks", "list", "\(directory)/eval_sample.json"]) == nil)
        #expect(CommandRunner.failure(["tasks", "show", "\(directory)/eval_sample.json", "earn_gold_50"]) == nil)
        #expect(CommandRunner.failure(["tasks", "show", "\(directory)/eval_sample.json", "nope"])?.contains("no task named 'nope'") == true)
    }

    @Test func envLayoutTakesACurriculum() {
        CommandRunner.succeed(["env", "layout", "--curriculum", "\(Self.curricula)/eval_sample.json"])
        CommandRunner.succeed(["env", "layout", "--curriculum", "\(Self.curricula)/eval_sample.json", "--no-task-embedding"])
        let message = CommandRunner.failure(["env", "layout", "--curriculum", "/nonexistent/c.json"])
        #expect(message?.contains("--curriculum /nonexistent/c.json: cannot be read") == true, "got: \(message ?? "no error")")
    }
}
