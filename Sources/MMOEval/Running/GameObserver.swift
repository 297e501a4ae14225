import MMOCore
import MMOEnv

/// Watches an `EvaluationRunner`'s games, for replays and progress reports.
public protocol GameObserver: AnyObject {
    /// Game `game` has just started (tick 0) in environment `environment` of `env`.
    func gameStarted(_ game: GamePlan, environment: Int, env: VecEnv) throws
    /// Environment `environment` has stepped a tick of its running game (up to and including the
    /// game's last tick). Called on the thread stepping that environment: touch only its own state.
    func ticked(environment: Int, world: World)
    /// Every game of a batch has ended; `records` in game order.
    func batchFinished(_ records: [GameRecord]) throws
}
