import MMOTasks

/// One entrant's measures on one scoring category: each the mean of the category's tasks' values,
/// so every task counts the same however many agent-episodes it had.
public struct CategoryEvaluation: Sendable, Equatable, Codable {
    public let category: ScoringCategory
    /// How many of the category's tasks the entrant was evaluated on.
    public let tasks: Int
    public let measures: Measures
}
