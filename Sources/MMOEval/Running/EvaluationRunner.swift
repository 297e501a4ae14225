import MMOCore
import MMOEnv
import MMOTasks

/// Plays an evaluation plan's games, `plan.environments` at a time, over one `VecEnv`.
///
/// A batch restarts each environment on its game's map and seed (`VecEnv.restart`), makes each
/// entrant's policy for the batch (seeded by `EvaluationPlan.policySeed`), and steps until every
/// game of the batch has ended; a game's end (the world's horizon, or nobody left alive) is caught
/// after its last tick, before the environment's auto-reset. An environment whose game has ended
/// keeps stepping (its rows owned by nobody, so every action is "nothing") until the batch is done.
/// Every game's trajectory depends only on the plan, never on the thread count or on which other
/// batches run in the same process, so shards of an evaluation give the games a single run gives.
public final class EvaluationRunner {
    public let plan: EvaluationPlan
    public let env: VecEnv
    private let entrants: [Entrant]
    private let storage: StepBufferStorage
    private let policy: TeamPolicy
    private let finals: GameFinals

    /// A runner for `plan` with the entrants it names (same names, same order), on `config` (whose
    /// player count and teams must match the plan: PvP needs `config.players.teams == plan.teams`),
    /// the map pool the plan's setup names, and the curriculum its tasks come from.
    public init(plan: EvaluationPlan, entrants: [Entrant], config: Config, maps: [GameMap], curriculum: Curriculum, threads: Int) {
        precondition(entrants.map(\.name) == plan.entrants.map(\.name), "the entrants must be the plan's, in its order")
        precondition(config.players.count == plan.players, "the config has \(config.players.count) players, the plan \(plan.players)")
        precondition(plan.mode == .pve || config.players.teams == plan.teams, "the config's teams must be the plan's")
        precondition(maps.count == plan.setup.mapNames.count, "the plan names \(plan.setup.mapNames.count) maps, \(maps.count) given")
        precondition(curriculum.specs.map(\.name) == plan.tasks.map(\.name), "the curriculum must be the plan's")
        self.plan = plan
        self.entrants = entrants
        env = VecEnv(config: config, maps: maps, environmentCount: plan.environments, seed: plan.seed, threads: threads, curriculum: curriculum,
                     taskEmbeddingInObservations: false)
        storage = StepBufferStorage(for: env)
        policy = TeamPolicy(env: env)
        finals = GameFinals(env: env)
        env.afterTick = { [finals] environment, world in finals.ticked(environment: environment, world: world) }
    }

    /// Plays the games of `batches` in order and returns their records in game order; `observer`
    /// sees every game start and tick and every batch end.
    public func run(batches: Range<Int>, observer: GameObserver? = nil) throws -> [GameRecord] {
        finals.observer = observer
        defer { finals.observer = nil }
        var records: [GameRecord] = []
        for batch in batches {
            records += try play(batch: batch, observer: observer)
        }
        return records
    }

    /// Living agent-steps over all the environments so far, those of ended games' environments
    /// included (the work done, where the records count only the games' own agent-steps).
    public var agentStepsSimulated: Int { env.agentSteps }

    private func play(batch: Int, observer: GameObserver?) throws -> [GameRecord] {
        let games = plan.games(inBatch: batch)
        let players = plan.players
        policy.owners.update(repeating: -1)
        for environment in 0..<plan.environments {
            finals.ended[environment] = true
        }
        for (environment, index) in games.enumerated() {
            let game = plan.game(index)
            try env.restart(environment: environment, map: game.map, seed: game.seed, into: storage.buffers)
            for player in 0..<players {
                policy.owners[environment * players + player] = Int32(game.entrant(ofPlayer: player, players: players))
            }
            finals.start(environment)
            try observer?.gameStarted(game, environment: environment, env: env)
        }
        policy.policies = entrants.indices.map { entrant in
            policy.owners.contains(Int32(entrant)) ? entrants[entrant].makePolicy(env, plan.policySeed(entrant: entrant, batch: batch)) : nil
        }
        var running = games.count
        while running > 0 {
            policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
            try env.step(actions: storage.actionRows, into: storage.buffers)
            running = 0
            for environment in 0..<games.count {
                if finals.ended[environment] {
                    policy.owners[environment * players..<(environment + 1) * players].update(repeating: -1)
                } else {
                    running += 1
                }
            }
        }
        policy.policies = []
        let records = games.enumerated().map { environment, index in finals.record(game: index, environment: environment) }
        try observer?.batchFinished(records)
        return records
    }
}
