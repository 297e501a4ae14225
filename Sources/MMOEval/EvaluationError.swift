/// Why an evaluation cannot run or its shards cannot be merged; found before any game is played.
/// The messages name the offending value; the command line adds the flag or file.
public enum EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An entrant spec with an empty name or value, or a name with a line break or `|`.
    case malformedEntrant(String)
    /// A value that is neither a scripted agent's name nor a checkpoint path.
    case unknownScriptedAgent(String)
    /// Two entrants with the same name.
    case duplicateEntrant(String)
    /// No entrant at all.
    case noEntrants
    /// A PvP evaluation with fewer than two entrants.
    case tooFewEntrants(Int)
    /// More entrants than teams, so some could not play in every game.
    case entrantsDoNotFitTeams(entrants: Int, teams: Int)
    /// A team count that does not split the players evenly (or is below 2 for PvP).
    case teamsDoNotFit(players: Int, teams: Int)
    /// No map to play on.
    case noMaps
    /// A curriculum without tasks.
    case noTasks
    /// A shard spec that is not `i/n` with `0 <= i < n`.
    case malformedShard(String)
    /// More shards than batches of games to share out.
    case tooManyShards(shards: Int, batches: Int)
    /// A partial result that cannot be read.
    case unreadablePartial(path: String, reason: String)
    /// A partial result of a different evaluation than the first one given.
    case incompatiblePartial(path: String, field: String)
    /// Two partial results covering the same games.
    case overlappingPartial(path: String)
    /// Games that no partial result covers.
    case missingGames(first: Int, count: Int)

    public var description: String {
        switch self {
        case .malformedEntrant(let text):
            "'\(text)' is not an entrant: write NAME=AGENT, NAME=CHECKPOINT or just AGENT or CHECKPOINT (a name without '|' or line breaks)"
        case .unknownScriptedAgent(let value):
            "'\(value)' is not a scripted agent (\(ScriptedAgent.names)) nor a checkpoint path (ending in .safetensors or containing '/')"
        case .duplicateEntrant(let name):
            "two entrants are named '\(name)'; give each a distinct NAME= prefix"
        case .noEntrants:
            "no entrant given"
        case .tooFewEntrants(let count):
            "PvP needs at least 2 entrants, got \(count)"
        case let .entrantsDoNotFitTeams(entrants, teams):
            "\(entrants) entrants do not fit \(teams) teams: every entrant needs a team in every game, so at most \(teams) entrants"
        case let .teamsDoNotFit(players, teams):
            "\(teams) teams do not split \(players) players evenly (need at least 2 teams and a divisor of \(players))"
        case .noMaps:
            "the map set is empty"
        case .noTasks:
            "the curriculum has no tasks"
        case .malformedShard(let text):
            "'\(text)' is not a shard: write i/n with 0 <= i < n, e.g. 0/4"
        case let .tooManyShards(shards, batches):
            "\(shards) shards for \(batches) batch(es) of games (a batch is --envs games played together): use at most \(batches) shards, or fewer --envs"
        case let .unreadablePartial(path, reason):
            "\(path): \(reason)"
        case let .incompatiblePartial(path, field):
            "\(path): a different evaluation than the first partial result (its \(field) differs)"
        case .overlappingPartial(let path):
            "\(path): covers games another partial result already covers"
        case let .missingGames(first, count):
            "no partial result covers games \(first)..<\(first + count)"
        }
    }
}
