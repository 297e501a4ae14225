/// The entrants' PvP ratings, updated game by game in game order (`PlackettLuce` with openskill's
/// defaults). In each game every entrant that played is one side of one player, ranked by its
/// agents' mean task progress (higher is better, equal means tie).
///
/// Why mean progress: the competition's score counts completed tasks, but in one game most
/// entrants complete few or none, and ranking by completions would tie them and rate nothing;
/// progress orders them by the same goal with far fewer ties. It is also what the entrants'
/// agents were rewarded for (the task reward is the progress gained), which is how the 2023
/// organisers' PufferLib ranking compared policies (by their agents' episode rewards).
public struct RatingLedger: Sendable, Equatable {
    public private(set) var ratings: [Rating]
    private let model = PlackettLuce()

    public init(entrants: Int) {
        ratings = Array(repeating: model.initialRating, count: entrants)
    }

    /// Rates one game's outcomes (at least two entrants; a game with fewer changes nothing).
    public mutating func update(with outcomes: [EntrantOutcome]) {
        guard outcomes.count >= 2 else { return }
        let rated = model.rate(teams: outcomes.map { [ratings[$0.entrant]] }, scores: outcomes.map(\.meanProgress))
        for (outcome, team) in zip(outcomes, rated) { ratings[outcome.entrant] = team[0] }
    }
}
