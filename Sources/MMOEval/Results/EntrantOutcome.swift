/// How one entrant's agents did in one game: how many it controlled, their mean task progress and
/// how many completed their task, and its rank among the game's entrants (1 is best; equal mean
/// progress ties).
public struct EntrantOutcome: Sendable, Equatable, Codable {
    /// The entrant's index in the plan.
    public let entrant: Int
    public let agents: Int
    public let meanProgress: Double
    public let completed: Int
    public let rank: Int
}
