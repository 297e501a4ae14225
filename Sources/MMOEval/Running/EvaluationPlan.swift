import MMOCore

/// Everything that decides an evaluation's outcome, and nothing that does not (threads, shards,
/// output paths): the mode, the entrants, the number of episodes, the seed, the batch size, the
/// team layout, the tasks and the setup. Two runs with equal plans give equal results; shards are
/// merged only when their plans are equal.
///
/// Games: in PvE each entrant plays the same `episodes` episodes (game `g` is episode
/// `g % episodes` of entrant `g / episodes`), in PvP there is one game per episode with every
/// entrant in it. Episode `e` plays on map `e % maps` with seed `episodeSeed(e)`. Games are played
/// `environments` at a time in batches (batch `b` holds games `b * environments ..<`); the batch is
/// the unit of sharding, and each batch's policies are seeded from the entrant and the batch's first
/// game, so a game's actions depend only on the plan.
public struct EvaluationPlan: Sendable, Equatable, Codable {
    public let mode: EvaluationMode
    public let entrants: [PlannedEntrant]
    /// Episodes per entrant (PvE) or in all (PvP).
    public let episodes: Int
    public let seed: UInt64
    /// Games played together in one batch (the `VecEnv`'s environment count).
    public let environments: Int
    /// Players per world and teams per world (PvE without teams: 1, the whole world).
    public let players: Int
    public let teams: Int
    /// The curriculum's tasks, in spec order.
    public let tasks: [PlannedTask]
    public let setup: EvaluationSetup
    /// Bootstrap replicates and coverage of the score intervals.
    public let resamples: Int
    public let confidence: Double

    /// A checked plan; throws an `EvaluationError` for entrants that cannot play this layout,
    /// no tasks, no maps or numbers out of range.
    public init(mode: EvaluationMode, entrants: [PlannedEntrant], episodes: Int, seed: UInt64, environments: Int, players: Int, teams: Int,
                tasks: [PlannedTask], setup: EvaluationSetup, resamples: Int = 1_000, confidence: Double = 0.95) throws(EvaluationError) {
        guard !entrants.isEmpty else { throw .noEntrants }
        var seen: [String] = []
        for entrant in entrants {
            if seen.contains(entrant.name) { throw .duplicateEntrant(entrant.name) }
            seen.append(entrant.name)
        }
        guard !tasks.isEmpty else { throw .noTasks }
        guard !setup.mapNames.isEmpty else { throw .noMaps }
        precondition(episodes >= 1 && environments >= 1 && resamples >= 1, "episodes, environments and resamples must be positive")
        precondition(confidence > 0 && confidence < 1, "confidence must be in (0, 1)")
        guard teams >= 1, players % teams == 0, mode == .pve || teams >= 2 else { throw .teamsDoNotFit(players: players, teams: teams) }
        if mode == .pvp {
            guard entrants.count >= 2 else { throw .tooFewEntrants(entrants.count) }
            guard entrants.count <= teams else { throw .entrantsDoNotFitTeams(entrants: entrants.count, teams: teams) }
        }
        self.mode = mode
        self.entrants = entrants
        self.episodes = episodes
        self.seed = seed
        self.environments = environments
        self.players = players
        self.teams = teams
        self.tasks = tasks
        self.setup = setup
        self.resamples = resamples
        self.confidence = confidence
    }

    /// Games in the whole evaluation.
    public var games: Int { mode == .pve ? episodes * entrants.count : episodes }

    /// Batches of at most `environments` games.
    public var batches: Int { (games + environments - 1) / environments }

    /// The games of batch `batch`.
    public func games(inBatch batch: Int) -> Range<Int> {
        batch * environments..<min((batch + 1) * environments, games)
    }

    /// The batches shard `index` of `count` plays: a contiguous share.
    public func batches(ofShard index: Int, of count: Int) -> Range<Int> {
        index * batches / count..<(index + 1) * batches / count
    }

    /// Game `index` in full.
    public func game(_ index: Int) -> GamePlan {
        precondition((0..<games).contains(index), "game \(index) is not in 0..<\(games)")
        let episode = mode == .pve ? index % episodes : index
        let owners = mode == .pve
            ? Array(repeating: index / episodes, count: teams)
            : Matchmaker.teamEntrants(game: index, entrants: entrants.count, teams: teams, seed: seed)
        return GamePlan(index: index, episode: episode, seed: episodeSeed(episode), map: episode % setup.mapNames.count, teamEntrants: owners)
    }

    /// The world seed of episode `episode`.
    public func episodeSeed(_ episode: Int) -> UInt64 {
        SplitMix64.mix(seed &+ SplitMix64.mix(UInt64(episode) &+ 0xE7A1_0000))
    }

    /// The seed of entrant `entrant`'s policy in batch `batch`: the entrant's own base plus the
    /// batch's first game, so a scripted policy's environment `i` (seeded base + i) plays game
    /// `first + i` with the stream `base + game`.
    public func policySeed(entrant: Int, batch: Int) -> UInt64 {
        SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(entrant) &+ 0x9011_C1E5)) &+ UInt64(batch * environments)
    }
}
