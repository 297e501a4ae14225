import MMOTasks

/// One entrant's measures on one task, over the agent-episodes that had it.
public struct TaskEvaluation: Sendable, Equatable, Codable {
    public let task: String
    public let category: ScoringCategory?
    /// How many agent-episodes had the task.
    public let episodes: Int
    public let measures: Measures
}
