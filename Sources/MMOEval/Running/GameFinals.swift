import MMOCore
import MMOEnv

/// The end of each environment's game in a batch, captured after every tick on the thread stepping
/// the environment (before the environment's auto-reset clears it): whether it has ended, its
/// length, agent-steps and survivors, and every player's task and best progress. Each environment
/// touches only its own entries, kept in raw memory so that worker threads never write into a
/// shared Swift array.
final class GameFinals: @unchecked Sendable {
    private unowned let env: VecEnv
    private let players: Int
    let ended: UnsafeMutableBufferPointer<Bool>
    private let ticks: UnsafeMutableBufferPointer<Int>
    private let agentSteps: UnsafeMutableBufferPointer<Int>
    private let survivors: UnsafeMutableBufferPointer<Int>
    private let tasks: UnsafeMutableBufferPointer<Int32>
    private let progress: UnsafeMutableBufferPointer<Float>
    /// Watches every tick of a running game, from the stepping thread.
    weak var observer: GameObserver?

    init(env: VecEnv) {
        self.env = env
        players = env.agentsPerEnv
        let count = env.environmentCount
        ended = .allocate(capacity: count)
        ended.initialize(repeating: true)
        ticks = .allocate(capacity: count)
        ticks.initialize(repeating: 0)
        agentSteps = .allocate(capacity: count)
        agentSteps.initialize(repeating: 0)
        survivors = .allocate(capacity: count)
        survivors.initialize(repeating: 0)
        tasks = .allocate(capacity: count * players)
        tasks.initialize(repeating: 0)
        progress = .allocate(capacity: count * players)
        progress.initialize(repeating: 0)
    }

    deinit {
        ended.deallocate()
        ticks.deallocate()
        agentSteps.deallocate()
        survivors.deallocate()
        tasks.deallocate()
        progress.deallocate()
    }

    /// Environment `environment` starts a game.
    func start(_ environment: Int) {
        ended[environment] = false
        agentSteps[environment] = 0
    }

    /// Counts the tick's acting players and, when the game is over, records its end.
    func ticked(environment: Int, world: World) {
        guard !ended[environment] else { return }
        let alive = world.entities.alive, deathTick = world.entities.deathTick
        let tick = Int32(world.tick)
        var acted = 0
        for player in 0..<players where alive[player] != 0 || deathTick[player] == tick { acted += 1 }
        agentSteps[environment] += acted
        observer?.ticked(environment: environment, world: world)
        guard world.isOver else { return }
        ended[environment] = true
        ticks[environment] = world.tick
        survivors[environment] = world.livingPlayers
        for player in 0..<players {
            tasks[environment * players + player] = Int32(env.taskIndex(environment: environment, agent: player) ?? 0)
            progress[environment * players + player] = env.taskProgress(environment: environment, agent: player) ?? 0
        }
    }

    /// The record of the game that ended in environment `environment`.
    func record(game: Int, environment: Int) -> GameRecord {
        let rows = environment * players..<(environment + 1) * players
        return GameRecord(game: game, ticks: ticks[environment], agentSteps: agentSteps[environment], survivors: survivors[environment],
                          tasks: Array(tasks[rows]), progress: Array(progress[rows]))
    }
}
