/// Combines the partial results of one evaluation's shards into its complete records: every
/// partial must have the same plan and shard count, each shard may appear once, and together they
/// must cover every game. The records then score exactly as a single run's do.
public enum PartialMerge {
    /// The plan, every game's record in game order, and the runs' combined `RunInfo` (seconds and
    /// speeds summed over the shards, as if they had run one after another).
    public static func merge(_ partials: [(path: String, partial: PartialResult)]) throws(EvaluationError)
        -> (plan: EvaluationPlan, records: [GameRecord], run: RunInfo) {
        guard let (_, first) = partials.first else { throw .unreadablePartial(path: "(none)", reason: "no partial result given") }
        var covered = Array(repeating: false, count: first.plan.games)
        var records: [GameRecord?] = Array(repeating: nil, count: first.plan.games)
        var shardsSeen: [Int] = []
        var seconds = 0.0, agentSteps = 0
        for (path, partial) in partials {
            if let field = difference(partial.plan, first.plan) { throw .incompatiblePartial(path: path, field: field) }
            guard partial.shard.count == first.shard.count else { throw .incompatiblePartial(path: path, field: "shard count") }
            guard !shardsSeen.contains(partial.shard.index) else { throw .overlappingPartial(path: path) }
            shardsSeen.append(partial.shard.index)
            let batches = partial.plan.batches(ofShard: partial.shard.index, of: partial.shard.count)
            let expected = Array(batches.flatMap { partial.plan.games(inBatch: $0) })
            guard partial.records.map(\.game) == expected else {
                throw .unreadablePartial(path: path, reason: "does not hold the games of shard \(partial.shard.index)/\(partial.shard.count) (an unfinished or edited file?)")
            }
            for record in partial.records {
                guard record.progress.count == first.plan.players, record.tasks.allSatisfy({ (0..<first.plan.tasks.count).contains(Int($0)) }) else {
                    throw .unreadablePartial(path: path, reason: "game \(record.game) does not have \(first.plan.players) players with known tasks")
                }
                if covered[record.game] { throw .overlappingPartial(path: path) }
                covered[record.game] = true
                records[record.game] = record
            }
            seconds += partial.run.seconds
            agentSteps += Int((partial.run.agentStepsPerSecond * partial.run.seconds).rounded())
        }
        if let missing = covered.firstIndex(of: false) {
            let end = covered[missing...].firstIndex(of: true) ?? covered.count
            throw .missingGames(first: missing, count: end - missing)
        }
        let run = RunInfo(seconds: seconds, games: first.plan.games, agentSteps: agentSteps, threads: first.run.threads, shards: partials.count,
                          software: first.run.software)
        return (first.plan, records.map { $0! }, run)
    }

    /// The first field in which two plans differ, by name, or nil when they are equal.
    static func difference(_ a: EvaluationPlan, _ b: EvaluationPlan) -> String? {
        let fields: [(String, Bool)] = [
            ("mode", a.mode == b.mode), ("entrants", a.entrants == b.entrants), ("episodes", a.episodes == b.episodes),
            ("seed", a.seed == b.seed), ("environments", a.environments == b.environments), ("players", a.players == b.players),
            ("teams", a.teams == b.teams), ("tasks", a.tasks == b.tasks), ("config", a.setup.config == b.setup.config && a.setup.configDigest == b.setup.configDigest),
            ("horizon", a.setup.horizon == b.setup.horizon), ("maps", a.setup.mapNames == b.setup.mapNames && a.setup.mapsDigest == b.setup.mapsDigest),
            ("curriculum", a.setup.curriculumDigest == b.setup.curriculumDigest), ("resamples", a.resamples == b.resamples),
            ("confidence", a.confidence == b.confidence), ("setup", a.setup == b.setup),
        ]
        return fields.first { !$0.1 }?.0
    }
}
