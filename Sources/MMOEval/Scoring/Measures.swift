/// The competition's three measures of a group of agent-episodes, each with its interval.
public struct Measures: Sendable, Equatable, Codable {
    /// The fraction that completed the task (progress reached 1): the competition's score.
    public let score: Estimate
    /// The mean progress.
    public let meanProgress: Estimate
    /// The fraction whose progress reached `TaskScoreboard.partialThreshold` (0.3).
    public let partialFraction: Estimate
}
