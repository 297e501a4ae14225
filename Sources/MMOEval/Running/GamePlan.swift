/// One game (one world's episode) of an evaluation: where it stands in the evaluation, the seed
/// the world plays with, the map (an index into the plan's map pool) and which entrant controls
/// each team. In PvE every team belongs to the one entrant of the game.
public struct GamePlan: Sendable, Equatable, Codable {
    /// The game's position among all the evaluation's games.
    public let index: Int
    /// The episode it plays: in PvE the same episode (seed and map) is played once by each entrant;
    /// in PvP it equals `index`.
    public let episode: Int
    public let seed: UInt64
    public let map: Int
    /// The entrant index (in the plan's entrant order) of each team, in team order.
    public let teamEntrants: [Int]

    public init(index: Int, episode: Int, seed: UInt64, map: Int, teamEntrants: [Int]) {
        self.index = index
        self.episode = episode
        self.seed = seed
        self.map = map
        self.teamEntrants = teamEntrants
    }

    /// The entrant controlling player slot `player` of a world of `players` players: teams are
    /// runs of consecutive players, as the world deals them.
    public func entrant(ofPlayer player: Int, players: Int) -> Int {
        teamEntrants[player * teamEntrants.count / players]
    }
}
