import ArgumentParser
import MMOEval

/// `gridmmo eval merge`: combines the shards of one evaluation (`--shard i/n` runs) into the
/// report a single run of it writes.
struct EvalMerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Combine the partial results of an evaluation's shards into its report.")

    @Argument(help: "Directories (or partial.json files) written by gridmmo eval pve|pvp --shard i/n.")
    var partials: [String] = []

    @Option(help: "Directory for report.md, results.json and the plots.")
    var out: String

    func run() throws {
        guard !partials.isEmpty else { throw ValidationError("merge: give the shards' directories") }
        var loaded: [(path: String, partial: PartialResult)] = []
        let merged: (plan: EvaluationPlan, records: [GameRecord], run: RunInfo)
        do {
            for path in partials { loaded.append((path, try PartialResult.load(path: path))) }
            merged = try PartialMerge.merge(loaded)
        } catch {
            throw ValidationError("merge: \(error)")
        }
        try EvalRun.prepareOutput(out)
        print("merged \(loaded.count) shard(s): \(merged.plan.games) games")
        try EvalRun.writeReport(EvaluationSummary(plan: merged.plan, records: merged.records, run: merged.run), to: out)
    }
}
