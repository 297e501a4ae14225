import ArgumentParser
import Foundation
import MMOCore
import MMOEnv

/// `gridmmo simulate`: a headless batched run with scripted valid actions (random, forager or combat), an optional replay of
/// environment 0's first episode, a progress line and a summary.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run environments headless with scripted valid actions and print a summary.")

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var mapOptions: MapOptions
    @OptionGroup var batch: BatchOptions
    @OptionGroup var curriculum: CurriculumOptions

    @Option(parsing: .unconditional, help: "Ticks to step every environment (episodes auto-reset).")
    var ticks: Int = 1024

    @Option(help: "Policy: random (uniform legal actions), forager (seeks food and water when low, else random) or combat (forages when low, keeps out of other players' reach, attacks the weakest target in reach in its best style, seeks out NPCs when healthy, equips and uses items, harvests resources), or the path of a checkpoint written by gridmmo train.")
    var policy: PolicyChoice = .forager

    @Option(help: "Write environment 0's first episode (up to --ticks) to this replay file.")
    var replay: String?

    func validate() throws {
        guard (1...10_000_000).contains(ticks) else { throw ValidationError("--ticks must be in 1...10000000, got \(ticks)") }
        if let replay, FileManager.default.fileExists(atPath: replay), !FileManager.default.isWritableFile(atPath: replay) {
            throw ValidationError("--replay \(replay): exists and is not writable")
        }
    }

    func run() throws {
        let scripted = try ScriptedRun(config: configOptions, maps: mapOptions, batch: batch, policy: policy, curriculum: curriculum)
        let (config, env, storage) = (scripted.config, scripted.env, scripted.storage)
        let tally = RunTally(environments: env.environmentCount)
        var recorder: ReplayRecorder?
        if let replay {
            do {
                recorder = try ReplayRecorder(path: replay, env: env, environment: 0)
            } catch {
                throw ValidationError("--replay \(error.description)")
            }
        }
        env.afterTick = { [recorder] environment, world in
            tally.add(environment: environment, world: world)
            if environment == 0 { recorder?.record(world) }
        }

        print("simulating \(env.environmentCount) x \(env.agentsPerEnv) agents (\(policy.name) policy) for \(ticks) ticks on \(env.threads) thread(s), seed \(batch.seed), \(scripted.maps.count) map(s) of \(config.map.size)x\(config.map.size)")
        let progress = ProgressLine(total: ticks)
        let clock = ContinuousClock()
        let start = clock.now
        for tick in 1...ticks {
            scripted.act()
            try scripted.step()
            progress.update(done: tick, agentSteps: env.agentSteps)
        }
        let seconds = (clock.now - start).seconds
        progress.finish()

        let agentSteps = env.agentSteps
        let slotSteps = ticks * env.totalAgents
        let episodes = env.finishedEpisodes
        print("agent-steps        \(agentSteps) living in \(String(format: "%.2f", seconds)) s = \(Int(Double(agentSteps) / max(seconds, 1e-9))) agent-steps/s (policy included); "
              + "\(slotSteps) slot-steps, \(String(format: "%.1f", 100 * Double(agentSteps) / Double(slotSteps)))% alive")
        if episodes.count > 0 {
            let survivors = Double(tally.totalSurvivors) / Double(episodes.count)
            print("episodes finished  \(episodes.count), mean length \(episodes.ticks / episodes.count) ticks, mean survivors \(String(format: "%.1f", survivors)) of \(env.agentsPerEnv)")
        } else {
            print("episodes finished  0")
        }
        let happened = EventKind.allCases.filter { tally.total($0) > 0 }
        for line in stride(from: 0, to: happened.count, by: 5) {
            let names = happened[line..<min(line + 5, happened.count)].map { "\($0.name) \(tally.total($0))" }.joined(separator: ", ")
            print((line == 0 ? "events             " : "                   ") + names)
        }
        let tasks = env.taskTotals
        if tasks.assigned > 0 {
            print("tasks              \(tasks.completed) of \(tasks.assigned) dealt were completed (\(env.curriculum!.specs.count) specs in the curriculum)")
            // Finished episodes only, unless none finished: then the episodes so far, at their progress so far.
            let finishedOnly = episodes.count > 0
            if let board = env.taskScoreboard(includingEpisodesInProgress: !finishedOnly) {
                print("task scores        competition scoring over the tasks of " + (finishedOnly ? "the finished episodes:" : "the unfinished episodes so far:"))
                for line in ScoreTable.lines(board) { print("                   " + line) }
            }
        }
        print("illegal actions    \(env.illegalActions)")
        print("observation digest \(String(FNV1a.hash(storage.observationBytes), radix: 16)) (FNV-1a over all observation bytes)")
        if let recorder {
            let summary: ReplaySummary
            do {
                summary = try recorder.finish()
            } catch {
                throw ValidationError("--replay \(error.description)")
            }
            print("replay             \(summary.path): \(summary.tickCount) tick records, \(summary.byteCount) bytes")
        }
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
