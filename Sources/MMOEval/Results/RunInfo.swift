/// How a run went, as opposed to what it found: wall time, speed, threads, the shards merged and
/// the software. Two runs of one plan differ only here; results compare everything else.
public struct RunInfo: Sendable, Equatable, Codable {
    /// Seconds spent playing games (summed over shards when merged).
    public var seconds: Double
    /// Games played per second, and the games' living agent-steps per second.
    public var gamesPerSecond: Double
    public var agentStepsPerSecond: Double
    public var threads: Int
    /// Shards merged into these results (1 for a single run).
    public var shards: Int
    /// The program and, when it ran inside a git checkout, the commit (`git describe`).
    public var software: String

    public init(seconds: Double, games: Int, agentSteps: Int, threads: Int, shards: Int, software: String) {
        self.seconds = seconds
        gamesPerSecond = seconds > 0 ? Double(games) / seconds : 0
        agentStepsPerSecond = seconds > 0 ? Double(agentSteps) / seconds : 0
        self.threads = threads
        self.shards = shards
        self.software = software
    }
}
