/// What came of one game: its length, the agent-steps its agents took, the players alive at the
/// end, and per player slot the task it was dealt (a curriculum spec index) and the best progress
/// it made, 0 to 1. Progress is written to JSON as a double (exactly the float's value), so a
/// record read back is equal to the one written.
public struct GameRecord: Sendable, Equatable, Codable {
    public let game: Int
    public let ticks: Int
    public let agentSteps: Int
    public let survivors: Int
    public let tasks: [Int32]
    public let progress: [Float]

    public init(game: Int, ticks: Int, agentSteps: Int, survivors: Int, tasks: [Int32], progress: [Float]) {
        precondition(tasks.count == progress.count, "one task and one progress per player")
        self.game = game
        self.ticks = ticks
        self.agentSteps = agentSteps
        self.survivors = survivors
        self.tasks = tasks
        self.progress = progress
    }

    private enum CodingKeys: String, CodingKey { case game, ticks, agentSteps, survivors, tasks, progress }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        game = try container.decode(Int.self, forKey: .game)
        ticks = try container.decode(Int.self, forKey: .ticks)
        agentSteps = try container.decode(Int.self, forKey: .agentSteps)
        survivors = try container.decode(Int.self, forKey: .survivors)
        tasks = try container.decode([Int32].self, forKey: .tasks)
        progress = try container.decode([Double].self, forKey: .progress).map { Float($0) }
        guard tasks.count == progress.count else {
            throw DecodingError.dataCorruptedError(forKey: .progress, in: container, debugDescription: "game \(game): \(tasks.count) tasks but \(progress.count) progress values")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(game, forKey: .game)
        try container.encode(ticks, forKey: .ticks)
        try container.encode(agentSteps, forKey: .agentSteps)
        try container.encode(survivors, forKey: .survivors)
        try container.encode(tasks, forKey: .tasks)
        try container.encode(progress.map { Double($0) }, forKey: .progress)
    }
}
