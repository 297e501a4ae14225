import ArgumentParser
import Foundation
import MMOCore
import MMOTrain

/// `gridmmo train`: goal-conditioned multi-task PPO on the shipped maps and a curriculum, with a
/// live progress line, JSONL/CSV logs, periodic atomic checkpoints, resume and a learning-curve SVG.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Train a policy with PPO on a curriculum of tasks.")

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var mapOptions: MapOptions
    @OptionGroup var curriculum: CurriculumOptions

    @Option(parsing: .unconditional, help: "Stop after this many minutes of wall time (the learning rate anneals over it).")
    var minutes: Double?

    @Option(parsing: .unconditional, help: "Stop after this many living agent-steps (overrides --minutes for annealing).")
    var steps: Int?

    @Option(help: "Run directory: logs, checkpoints and the learning curve.")
    var out: String = "runs/default"

    @Option(parsing: .unconditional, help: "Environments stepped together (128 agents each by default).")
    var envs: Int = PPOConfig().environments

    @Option(parsing: .unconditional, help: "Seed of the environments, the initial parameters and the sampling.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Worker threads (one BLAS thread each).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if let minutes, !(minutes > 0 && minutes <= 100_000) { throw ValidationError("--minutes must be in (0, 100000], got \(minutes)") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
        guard minutes != nil || steps != nil else { throw ValidationError("give --minutes or --steps (how long to train)") }
        guard (1...4096).contains(envs) else { throw ValidationError("--envs must be in 1...4096, got \(envs)") }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be in 1...256, got \(threads)") }
    }

    func run() throws {
        let game = try configOptions.load()
        let maps = try mapOptions.load(config: game, seed: seed)
        let tasks = try curriculum.load()
        var ppo = PPOConfig()
        ppo.environments = envs
        ppo.seed = seed
        ppo.threads = threads
        let trainer = Trainer(config: ppo, policy: PolicyConfig(), game: game, maps: maps, curriculum: tasks)
        print("training \(envs) x \(trainer.env.agentsPerEnv) agents on \(threads) thread(s), \(trainer.network.parameters.parameterCount) parameters")
        let clock = ContinuousClock()
        let start = clock.now
        while true {
            let elapsed = (clock.now - start).seconds
            let progress = max(minutes.map { elapsed / ($0 * 60) } ?? 0, steps.map { Double(trainer.agentSteps) / Double($0) } ?? 0)
            if progress >= 1 { break }
            let report = trainer.iterate(progress: progress)
            let total = (clock.now - start).seconds
            print(String(format: "update %d steps %d  %.0f steps/s  return %.3f  length %.1f  episodes %d  pg %.4f v %.4f ent %.3f kl %.4f clip %.3f ev %.3f | inf %.2fs env %.2fs upd %.2fs",
                         trainer.updates, trainer.agentSteps, Double(trainer.agentSteps) / total, report.episodes.meanReturn, report.episodes.meanLength,
                         report.episodes.count, report.losses.policyLoss, report.losses.valueLoss, report.losses.entropy, report.losses.approximateKL,
                         report.losses.clipFraction, report.explainedVariance, report.inferenceSeconds, report.environmentSeconds, report.updateSeconds))
        }
    }
}
