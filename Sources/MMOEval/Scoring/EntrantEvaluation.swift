/// Everything scored for one entrant: per task (sorted by name), per scoring category (in
/// `ScoringCategory` order, those with tasks only) and in total.
public struct EntrantEvaluation: Sendable, Equatable, Codable {
    public let entrant: String
    /// Agent-episodes scored, over all tasks.
    public let episodes: Int
    public let tasks: [TaskEvaluation]
    public let categories: [CategoryEvaluation]
    /// The competition total, 0 to 100: each measure is the mean over `categories` (every
    /// category weighted equally, however many tasks it has) times 100. Tasks without a category
    /// are in `tasks` but not here; with no categorised task at all, every value is 0.
    public let total: Measures
}
