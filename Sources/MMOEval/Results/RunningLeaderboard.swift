import Foundation
import MMOTasks

/// The leaderboard while an evaluation runs, for a progress line: each entrant's competition
/// score over the games recorded so far (without intervals) and, in PvP, its rating.
public struct RunningLeaderboard: Sendable {
    private let plan: EvaluationPlan
    /// Per entrant and task: agent-episodes and completions so far.
    private var outcomes: [[Int]]
    private var completions: [[Int]]
    private var ledger: RatingLedger

    public init(plan: EvaluationPlan) {
        self.plan = plan
        outcomes = Array(repeating: Array(repeating: 0, count: plan.tasks.count), count: plan.entrants.count)
        completions = outcomes
        ledger = RatingLedger(entrants: plan.entrants.count)
    }

    /// Adds a game's record (PvP ratings update in the order records are added).
    public mutating func add(_ record: GameRecord) {
        let game = plan.game(record.game)
        for player in record.progress.indices {
            let entrant = game.entrant(ofPlayer: player, players: plan.players), task = Int(record.tasks[player])
            outcomes[entrant][task] += 1
            if record.progress[player] >= 1 { completions[entrant][task] += 1 }
        }
        if plan.mode == .pvp { ledger.update(with: GameSummary(plan: plan, game: game, record: record).entrants) }
    }

    /// Entrant `entrant`'s score so far, of 100: per task the completed fraction, the mean per
    /// category over the tasks seen, the mean over the categories seen.
    public func score(of entrant: Int) -> Double {
        let categories = ScoringCategory.allCases.compactMap { category -> Double? in
            let scores = plan.tasks.indices.filter { plan.tasks[$0].category == category && outcomes[entrant][$0] > 0 }
                .map { Double(completions[entrant][$0]) / Double(outcomes[entrant][$0]) }
            return scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count)
        }
        return categories.isEmpty ? 0 : categories.reduce(0, +) / Double(categories.count) * 100
    }

    /// `name score` (PvP: `name ordinal/score`) for every entrant, best first.
    public var text: String {
        let rows = plan.entrants.indices.map { (entrant: $0, score: score(of: $0), ordinal: ledger.ratings[$0].ordinal) }
        let sorted = rows.sorted { plan.mode == .pvp ? $0.ordinal > $1.ordinal : $0.score > $1.score }
        return sorted.map { row in
            let name = plan.entrants[row.entrant].name
            return plan.mode == .pvp ? "\(name) \(String(format: "%.1f", row.ordinal))/\(String(format: "%.1f", row.score))"
                : "\(name) \(String(format: "%.1f", row.score))"
        }.joined(separator: ", ")
    }
}
