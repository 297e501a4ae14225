/// One game in the results: its plan (seed, map, teams), its length, agent-steps and survivors,
/// and each entrant's outcome (in entrant order, entrants that played only).
public struct GameSummary: Sendable, Equatable, Codable {
    public let game: Int
    public let episode: Int
    public let seed: UInt64
    public let map: String
    /// The entrant index of each team.
    public let teamEntrants: [Int]
    public let ticks: Int
    public let agentSteps: Int
    public let survivors: Int
    public let entrants: [EntrantOutcome]

    /// The summary of `record`, played as `game` of `plan`.
    init(plan: EvaluationPlan, game: GamePlan, record: GameRecord) {
        self.game = game.index
        episode = game.episode
        seed = game.seed
        map = plan.setup.mapNames[game.map]
        teamEntrants = game.teamEntrants
        ticks = record.ticks
        agentSteps = record.agentSteps
        survivors = record.survivors
        var agents = Array(repeating: 0, count: plan.entrants.count)
        var completed = Array(repeating: 0, count: plan.entrants.count)
        var progress = Array(repeating: 0.0, count: plan.entrants.count)
        for player in record.progress.indices {
            let entrant = game.entrant(ofPlayer: player, players: record.progress.count)
            agents[entrant] += 1
            progress[entrant] += Double(record.progress[player])
            if record.progress[player] >= 1 { completed[entrant] += 1 }
        }
        let playing = agents.indices.filter { agents[$0] > 0 }
        let means = playing.map { progress[$0] / Double(agents[$0]) }
        entrants = playing.indices.map { position in
            EntrantOutcome(entrant: playing[position], agents: agents[playing[position]], meanProgress: means[position],
                           completed: completed[playing[position]], rank: 1 + means.count { $0 > means[position] })
        }
    }
}
