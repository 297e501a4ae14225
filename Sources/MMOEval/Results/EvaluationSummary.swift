/// An evaluation's results, everything `results.json` holds: the plan, the leaderboard, every
/// entrant's scores per task, per category and in total with their intervals, every game, and in
/// PvP every entrant's rating after every game. `run` says how the run went; it is the only part
/// that differs between two runs of one plan.
public struct EvaluationSummary: Sendable, Encodable {
    public let plan: EvaluationPlan
    public let leaderboard: [LeaderboardEntry]
    /// One per entrant, sorted by name (`Scorer`'s order).
    public let evaluations: [EntrantEvaluation]
    public let games: [GameSummary]
    /// PvP: the ratings after each game, one per entrant in plan order. `nil` in PvE.
    public let ratings: [[RatingPoint]]?
    public var run: RunInfo?

    /// Scores and rates `records`, which must be all of `plan`'s games in game order.
    public init(plan: EvaluationPlan, records: [GameRecord], run: RunInfo?) throws(ScoringError) {
        precondition(records.map(\.game) == Array(0..<plan.games), "the records must be every game of the plan, in order")
        var results: [EpisodeResult] = []
        var games: [GameSummary] = []
        results.reserveCapacity(plan.games * plan.players)
        for record in records {
            let game = plan.game(record.game)
            for player in record.progress.indices {
                let task = plan.tasks[Int(record.tasks[player])]
                results.append(EpisodeResult(entrant: plan.entrants[game.entrant(ofPlayer: player, players: plan.players)].name,
                                             task: task.name, category: task.category, progress: record.progress[player]))
            }
            games.append(GameSummary(plan: plan, game: game, record: record))
        }
        let evaluations = try Scorer(seed: plan.seed, resamples: plan.resamples, confidence: plan.confidence).evaluate(results)
        var history: [[RatingPoint]]?
        var final: [Rating]?
        if plan.mode == .pvp {
            var ledger = RatingLedger(entrants: plan.entrants.count)
            history = games.map { game in
                ledger.update(with: game.entrants)
                return ledger.ratings.map(RatingPoint.init)
            }
            final = ledger.ratings
        }
        self.plan = plan
        self.evaluations = evaluations
        self.games = games
        ratings = history
        self.run = run
        leaderboard = Self.leaderboard(plan: plan, evaluations: evaluations, ratings: final)
    }

    /// The entrants ranked: in PvP by the rating's ordinal, in PvE by total score, then mean
    /// progress; equal keys share a rank; ties list by name.
    private static func leaderboard(plan: EvaluationPlan, evaluations: [EntrantEvaluation], ratings: [Rating]?) -> [LeaderboardEntry] {
        let rows = plan.entrants.indices.map { index -> (key: [Double], entrant: PlannedEntrant, evaluation: EntrantEvaluation, rating: Rating?) in
            let evaluation = evaluations.first { $0.entrant == plan.entrants[index].name }!
            let rating = ratings?[index]
            let key = rating.map { [$0.ordinal] } ?? [evaluation.total.score.value, evaluation.total.meanProgress.value]
            return (key, plan.entrants[index], evaluation, rating)
        }
        let sorted = rows.sorted { $0.key != $1.key ? $0.key.lexicographicallyPrecedes($1.key, by: >) : $0.entrant.name < $1.entrant.name }
        return sorted.map { row in
            LeaderboardEntry(
                rank: 1 + sorted.count { $0.key.lexicographicallyPrecedes(row.key, by: >) },
                entrant: row.entrant.name, policy: row.entrant.spec.summary,
                score: row.evaluation.total.score, meanProgress: row.evaluation.total.meanProgress,
                partialFraction: row.evaluation.total.partialFraction, agentEpisodes: row.evaluation.episodes,
                rating: row.rating.map(RatingPoint.init)
            )
        }
    }
}
