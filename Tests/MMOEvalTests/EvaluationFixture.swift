import Foundation
import MMOCore
import MMOEval
import MMOTasks

/// A tiny evaluation for the harness's tests: the small preset with a short horizon, maps
/// generated in memory and the shipped held-out curriculum.
struct EvaluationFixture {
    let config: Config
    let maps: [GameMap]
    let curriculum: Curriculum
    let plan: EvaluationPlan
    let entrants: [Entrant]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    init(mode: EvaluationMode, agents: [ScriptedAgent], episodes: Int, environments: Int, teams: Int = 8, horizon: Int = 40, seed: UInt64 = 3) throws {
        var config = Config.small
        config.episode.horizon = horizon
        if mode == .pvp { config.players.teams = teams }
        self.config = config
        maps = (0..<3).map { TerrainGenerator.generate(config: config, seed: 900 + UInt64($0)) }
        curriculum = try CurriculumFile.load(path: Self.root.appendingPathComponent("curricula/eval_heldout.json").path)
        entrants = agents.map { Entrant.scripted(name: $0.rawValue, agent: $0) }
        let setup = EvaluationSetup(config: "small", configDigest: "-", horizon: horizon, maps: "generated", mapNames: ["a", "b", "c"], mapsDigest: "-",
                                    curriculum: "eval_heldout", curriculumDigest: "-")
        plan = try EvaluationPlan(mode: mode, entrants: entrants.map { PlannedEntrant(spec: $0.spec, fingerprint: $0.fingerprint) }, episodes: episodes,
                                  seed: seed, environments: environments, players: config.players.count, teams: mode == .pvp ? teams : 1,
                                  tasks: PlannedTask.tasks(of: curriculum), setup: setup, resamples: 200)
    }

    /// The records of `batches` (all by default) played on `threads` threads.
    func play(threads: Int, batches: Range<Int>? = nil) throws -> [GameRecord] {
        let runner = EvaluationRunner(plan: plan, entrants: entrants, config: config, maps: maps, curriculum: curriculum, threads: threads)
        return try runner.run(batches: batches ?? 0..<plan.batches)
    }

    /// `results.json` of `records` without its `run` part.
    func resultsWithoutRun(_ records: [GameRecord]) throws -> Data {
        try ReportFiles.json(EvaluationSummary(plan: plan, records: records, run: nil))
    }
}
