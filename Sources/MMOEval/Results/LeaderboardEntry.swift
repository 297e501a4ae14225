/// One row of the leaderboard: the entrant, what it is, its competition total (of 100, with its
/// interval) and the other two measures on the same scale (the mean over the categories, times
/// 100), the agent-episodes scored, and in PvP its final rating.
public struct LeaderboardEntry: Sendable, Equatable, Codable {
    /// 1 is best; PvE ranks by total score, PvP by the rating's ordinal.
    public let rank: Int
    public let entrant: String
    public let policy: String
    public let score: Estimate
    public let meanProgress: Estimate
    public let partialFraction: Estimate
    public let agentEpisodes: Int
    public let rating: RatingPoint?
}
