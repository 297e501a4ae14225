import ArgumentParser
import Foundation
import MMOCore
import MMOEnv
import MMOEval

/// Watches an evaluation for `gridmmo eval`: records the first `replays` games (by game index) into
/// `DIRECTORY/replays/game_NNNN.replay`, and keeps a progress line on standard error with games
/// done, games per second, the ETA and the running leaderboard (on a terminal once a second, in a
/// log every 15 seconds; nothing for runs shorter than that).
final class EvalObserver: GameObserver, @unchecked Sendable {
    private let replays: Int
    private let replayDirectory: String
    /// The recorder of each environment's game, while it is recorded.
    private var recorders: [ReplayRecorder?]
    private(set) var replayFiles: [ReplaySummary] = []
    private var leaderboard: RunningLeaderboard
    private let total: Int
    private var done = 0
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastPrint: ContinuousClock.Instant
    private var printed = false
    private let terminal = isatty(STDERR_FILENO) != 0

    init(plan: EvaluationPlan, games: Int, replays: Int, directory: String) {
        self.replays = replays
        replayDirectory = (directory as NSString).appendingPathComponent("replays")
        recorders = Array(repeating: nil, count: plan.environments)
        leaderboard = RunningLeaderboard(plan: plan)
        total = games
        start = clock.now
        lastPrint = start
    }

    func gameStarted(_ game: GamePlan, environment: Int, env: VecEnv) throws {
        guard game.index < replays else { return }
        try FileManager.default.createDirectory(atPath: replayDirectory, withIntermediateDirectories: true)
        let digits = String(game.index)
        let path = (replayDirectory as NSString).appendingPathComponent("game_" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits + ".replay")
        do {
            recorders[environment] = try ReplayRecorder(path: path, env: env, environment: environment)
        } catch {
            throw ValidationError("--replays \(error.description)")
        }
    }

    func ticked(environment: Int, world: World) {
        recorders[environment]?.record(world)
    }

    func batchFinished(_ records: [GameRecord]) throws {
        for environment in recorders.indices {
            guard let recorder = recorders[environment] else { continue }
            recorders[environment] = nil
            do {
                replayFiles.append(try recorder.finish())
            } catch {
                throw ValidationError("--replays \(error.description)")
            }
        }
        for record in records { leaderboard.add(record) }
        done += records.count
        let now = clock.now
        guard now - lastPrint >= (terminal ? .seconds(1) : .seconds(15)) else { return }
        lastPrint = now
        printed = true
        let elapsed = (now - start).seconds
        let rate = Double(done) / max(elapsed, 1e-9)
        let remaining = rate > 0 ? Int((Double(total - done) / rate).rounded()) : 0
        let text = "games \(done)/\(total)  \(String(format: "%.2f", rate)) games/s  ETA \(remaining / 60):\(String(format: "%02d", remaining % 60))  \(leaderboard.text)"
        FileHandle.standardError.write(Data((terminal ? "\r\(text)\u{1B}[K" : "\(text)\n").utf8))
    }

    func finish() {
        if printed && terminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
