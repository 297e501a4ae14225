import ArgumentParser
import Foundation
import MMOCore
import MMOEval
import MMONet

/// `gridmmo eval`: competition-style evaluation of policies on held-out tasks and maps, alone (PvE)
/// or sharing worlds (PvP), with reports; and merging of sharded runs.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate policies on held-out tasks and maps (PvE, PvP) and write reports.",
        subcommands: [PvE.self, PvP.self, EvalMerge.self]
    )

    struct PvE: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pve", abstract: "Each entrant controls every agent, on the same held-out episodes; scores with intervals.")
        @OptionGroup var options: EvalOptions
        func run() throws { try EvalRun.run(options, mode: .pve) }
    }

    struct PvP: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pvp", abstract: "Entrants' teams share every world; scores with intervals and Plackett-Luce ratings.")
        @OptionGroup var options: EvalOptions
        func run() throws { try EvalRun.run(options, mode: .pvp) }
    }
}

/// Runs an evaluation (or one shard of it) and writes its files.
enum EvalRun {
    static func run(_ options: EvalOptions, mode: EvaluationMode) throws {
        let setup = try options.setup(mode: mode)
        let plan = setup.plan
        try prepareOutput(options.out)
        // Learned entrants run their passes on the harness's worker threads.
        BLASRuntime.setThreads(1)
        let batches = plan.batches(ofShard: setup.shard.index, of: setup.shard.count)
        let games = batches.reduce(0) { $0 + plan.games(inBatch: $1).count }
        let runner = EvaluationRunner(plan: plan, entrants: setup.entrants, config: setup.config, maps: setup.maps, curriculum: setup.curriculum,
                                      threads: options.threads)
        let shardText = setup.shard.count > 1 ? ", shard \(setup.shard.index)/\(setup.shard.count): batches \(batches.lowerBound)..<\(batches.upperBound)" : ""
        print("evaluating \(plan.entrants.map(\.name).joined(separator: ", ")) (\(mode.rawValue)): \(games) of \(plan.games) games of \(plan.players) agents"
              + "\(shardText), \(plan.environments) at a time on \(runner.env.threads) thread(s), seed \(plan.seed)")
        let observer = EvalObserver(plan: plan, games: games, replays: options.replays, directory: options.out)
        let clock = ContinuousClock()
        let start = clock.now
        let records = try runner.run(batches: batches, observer: observer)
        let seconds = (clock.now - start).seconds
        observer.finish()
        let agentSteps = records.reduce(0) { $0 + $1.agentSteps }
        let info = RunInfo(seconds: seconds, games: records.count, agentSteps: agentSteps, threads: runner.env.threads, shards: 1, software: software())
        print("played \(records.count) games in \(String(format: "%.1f", seconds)) s: \(String(format: "%.2f", info.gamesPerSecond)) games/s, "
              + "\(Int(info.agentStepsPerSecond)) agent-steps/s (living agents of the games; \(runner.agentStepsSimulated) simulated in all)")
        for replay in observer.replayFiles { print("replay \(replay.path): \(replay.tickCount) tick records") }
        if setup.shard.count > 1 {
            let path = try ReportFiles.write(PartialResult(plan: plan, shard: setup.shard, records: records, run: info), to: options.out)
            print("wrote \(path); combine the shards with: gridmmo eval merge DIR... --out DIR")
            return
        }
        try writeReport(EvaluationSummary(plan: plan, records: records, run: info), to: options.out)
    }

    /// Writes the report files and prints the leaderboard.
    static func writeReport(_ summary: EvaluationSummary, to directory: String) throws {
        let paths = try ReportFiles.write(summary, to: directory)
        for row in summary.leaderboard {
            let rating = row.rating.map { String(format: "  rating %.2f (mu %.2f, sigma %.2f)", $0.ordinal, $0.mu, $0.sigma) } ?? ""
            print(String(format: "%2d. %@  score %.1f [%.1f, %.1f] of 100, mean progress %.1f%%", row.rank, row.entrant, row.score.value, row.score.lower,
                         row.score.upper, row.meanProgress.value) + rating)
        }
        print("wrote " + paths.joined(separator: ", "))
    }

    /// Creates the output directory, or fails naming `--out`.
    static func prepareOutput(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError("--out \(directory): exists and is not a directory")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("--out \(directory): cannot be created")
        }
        guard FileManager.default.isWritableFile(atPath: directory) else { throw ValidationError("--out \(directory): is not writable") }
    }

    /// `gridmmo` and the git commit of the working directory's checkout, when there is one.
    static func software() -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "describe", "--always", "--dirty", "--abbrev=12"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "gridmmo" }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let commit = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && !commit.isEmpty ? "gridmmo (git \(commit))" : "gridmmo"
    }
}
