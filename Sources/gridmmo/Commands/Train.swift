import ArgumentParser
import Foundation
import MMOAttack
import MMOCore
import MMOEnv
import MMONet
import MMOTrain

/// `gridmmo train`: goal-conditioned multi-task PPO on a map pool and a curriculum, with a live
/// progress line, `log.jsonl`/`log.csv`, periodic atomic checkpoints, `--resume` and a learning-curve
/// SVG at the end. Hyperparameters are `PPOConfig`'s defaults; the flags below change the common ones.
/// `--robust-attack` trains under attack (the defence; `RobustTrainingOptions`).
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a policy with PPO on a curriculum of tasks.",
        discussion: "Writes RUN/checkpoint.safetensors (every --checkpoint-seconds and at the end), RUN/log.jsonl, RUN/log.csv and RUN/learning_curve.svg. Killing the run loses at most the last checkpoint interval; --resume continues it."
    )

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var mapOptions: MapOptions
    @OptionGroup var curriculum: CurriculumOptions

    @Option(parsing: .unconditional, help: "Train for this many minutes of wall time in all (the learning rate anneals over it).")
    var minutes: Double?

    @Option(parsing: .unconditional, help: "Train for this many living agent-steps in all (the learning rate anneals over them).")
    var steps: Int?

    @Option(help: "Run directory: checkpoint, logs and learning curve.")
    var out: String

    @Flag(help: "Continue the run in --out from its checkpoint (same options as when it started).")
    var resume = false

    @Option(help: "Start from this checkpoint's parameters (fine-tuning: a fresh optimiser and learning-rate schedule; the same --recurrent setting).")
    var initial: String?

    @Option(parsing: .unconditional, help: "Seconds between checkpoints.")
    var checkpointSeconds: Double = 60

    @Option(parsing: .unconditional, help: "Environments stepped together (128 agents each by default).")
    var envs: Int = PPOConfig().environments

    @Option(parsing: .unconditional, help: "Steps per agent in a rollout.")
    var rolloutSteps: Int = PPOConfig().rolloutSteps

    @Option(parsing: .unconditional, help: "Passes over each rollout.")
    var epochs: Int = PPOConfig().updateEpochs

    @Option(parsing: .unconditional, help: "Samples per minibatch (one Adam step each).")
    var minibatch: Int = PPOConfig().minibatchSize

    @Flag(help: "Give the policy a recurrent core (a GRU between the fused state and the heads), trained with truncated BPTT.")
    var recurrent = false

    @Option(parsing: .unconditional, help: "With --recurrent: steps per BPTT segment (must divide --rollout-steps; default \(PPOConfig().bpttSteps)).")
    var bptt: Int?

    @Option(parsing: .unconditional, help: "Initial learning rate (annealed linearly to 0).")
    var learningRate: Float = PPOConfig().learningRate

    @Option(parsing: .unconditional, help: "Entropy bonus coefficient.")
    var entropy: Float = PPOConfig().entropyCoefficient

    @Option(parsing: .unconditional, help: "Shaping paid on a tick an agent's health rises (the 2023 baseline used 0.03; 0 is off).")
    var healBonus: Float = 0

    @Option(parsing: .unconditional, help: "Shaping paid per tile of new distance from spawn (0 is off).")
    var exploreBonus: Float = 0

    @Option(parsing: .unconditional, help: "End an episode when this many players or fewer are alive (0: play it out).")
    var earlyStop: Int = PPOConfig().earlyStopPopulation

    @Option(parsing: .unconditional, help: "Seed of the environments, the initial parameters and the sampling.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Worker threads (one BLAS thread each).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var robust: RobustTrainingOptions

    func validate() throws {
        guard minutes != nil || steps != nil else { throw ValidationError("give --minutes or --steps (how long to train)") }
        if let minutes, !(minutes > 0 && minutes <= 100_000) { throw ValidationError("--minutes must be in (0, 100000], got \(minutes)") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
        guard checkpointSeconds >= 1 else { throw ValidationError("--checkpoint-seconds must be at least 1, got \(checkpointSeconds)") }
        guard (1...4096).contains(envs) else { throw ValidationError("--envs must be in 1...4096, got \(envs)") }
        guard (1...100_000).contains(rolloutSteps) else { throw ValidationError("--rollout-steps must be in 1...100000, got \(rolloutSteps)") }
        guard (1...100).contains(epochs) else { throw ValidationError("--epochs must be in 1...100, got \(epochs)") }
        guard (1...1_000_000).contains(minibatch) else { throw ValidationError("--minibatch must be in 1...1000000, got \(minibatch)") }
        if recurrent {
            let steps = bptt ?? PPOConfig().bpttSteps
            guard steps >= 1 && rolloutSteps % steps == 0 else {
                throw ValidationError("--bptt must be at least 1 and divide --rollout-steps \(rolloutSteps), got \(steps)")
            }
        } else if bptt != nil {
            throw ValidationError("--bptt needs --recurrent (a feedforward policy has no BPTT)")
        }
        guard learningRate > 0 && learningRate < 1 else { throw ValidationError("--learning-rate must be in (0, 1), got \(learningRate)") }
        guard entropy >= 0 && entropy < 10 else { throw ValidationError("--entropy must be in [0, 10), got \(entropy)") }
        guard healBonus.isFinite && exploreBonus.isFinite else { throw ValidationError("--heal-bonus and --explore-bonus must be finite") }
        guard earlyStop >= 0 else { throw ValidationError("--early-stop must be 0 or more, got \(earlyStop)") }
        if recurrent, let attack = robust.robustAttack, attack.isWhiteBox {
            throw ValidationError("--robust-attack \(attack.rawValue) needs a feedforward policy: drop --recurrent or train under gaussian or uniform noise")
        }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be in 1...256, got \(threads)") }
        guard !out.isEmpty else { throw ValidationError("--out must name a directory") }
    }

    func run() throws {
        let game = try configOptions.load()
        let maps = try mapOptions.load(config: game, seed: seed)
        let tasks = try curriculum.load()
        var ppo = PPOConfig()
        ppo.environments = envs
        ppo.rolloutSteps = rolloutSteps
        ppo.updateEpochs = epochs
        ppo.minibatchSize = minibatch
        if let bptt { ppo.bpttSteps = bptt }
        ppo.learningRate = learningRate
        ppo.entropyCoefficient = entropy
        ppo.healBonus = healBonus
        ppo.exploreBonus = exploreBonus
        ppo.earlyStopPopulation = earlyStop
        ppo.seed = seed
        ppo.threads = threads

        // The starting parameters are checked before anything is written.
        var initialNetwork: PolicyNetwork?
        if let initial, !resume {
            let layout = ObservationLayout(config: game, tasks: tasks != nil, taskEmbeddingDimension: 0)
            do {
                initialNetwork = try PolicyCheckpoint.load(path: initial, layout: layout, actionLayout: ActionLayout(config: game), config: game).network
            } catch {
                throw ValidationError("--initial \(error.description)")
            }
        }

        let checkpointPath = out + "/checkpoint.safetensors"
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: out, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError("--out \(out): exists and is not a directory")
        }
        if resume {
            guard fileManager.fileExists(atPath: checkpointPath) else { throw ValidationError("--resume: \(checkpointPath) does not exist") }
        } else if fileManager.fileExists(atPath: checkpointPath) {
            throw ValidationError("--out \(out): already holds a run (checkpoint.safetensors); pass --resume to continue it or choose another directory")
        }
        do {
            try fileManager.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("--out \(out): cannot create the directory (\(error.localizedDescription))")
        }

        BLASRuntime.setThreads(1)
        var policy = PolicyConfig()
        policy.recurrent = recurrent
        let trainer = Trainer(config: ppo, policy: policy, game: game, maps: maps, curriculum: tasks, perturbation: robust.perturbation(seed: seed))
        let log = TrainingLog(directory: out)
        var usedSeconds = 0.0
        if let initialNetwork {
            guard initialNetwork.parameters.count == trainer.network.parameters.count, initialNetwork.sizes == trainer.network.sizes else {
                throw ValidationError("--initial \(initial!): its network's sizes differ from this run's (check --recurrent)")
            }
            trainer.network.parameters.values.pointer.update(from: initialNetwork.parameters.values.pointer, count: trainer.network.parameters.count)
            print("starting from the parameters of \(initial!)")
        }
        if resume {
            do {
                usedSeconds = try trainer.resume(from: checkpointPath)
            } catch {
                throw ValidationError("--resume \(error.description)")
            }
            try log.resume(upTo: trainer.updates)
        }
        let budget = [minutes.map { "\($0) minutes" }, steps.map { "\($0) agent-steps" }].compactMap { $0 }.joined(separator: " or ")
        print("OpenBLAS core \(BLASRuntime.coreName), 1 BLAS thread per worker; \(threads) worker thread(s)")
        print("training \(envs) x \(trainer.env.agentsPerEnv) agents, \(trainer.network.parameters.parameterCount) parameters, for \(budget)"
              + (resume ? ", resuming at update \(trainer.updates) (\(trainer.agentSteps) agent-steps)" : "") + " -> \(out)")
        if let perturbation = trainer.perturbation { print("training under attack: \(perturbation.description)") }

        let progressLine = TrainingProgress()
        let clock = ContinuousClock()
        let start = clock.now
        var lastCheckpoint = start
        var previous = log.rows.last
        func elapsed() -> Double { usedSeconds + (clock.now - start).seconds }
        func fraction() -> Double {
            max(minutes.map { elapsed() / ($0 * 60) } ?? 0, steps.map { Double(trainer.agentSteps) / Double($0) } ?? 0)
        }
        while fraction() < 1 {
            let report = trainer.iterate(progress: fraction())
            var row = TrainingLogRow()
            row.update = trainer.updates
            row.agentSteps = trainer.agentSteps
            row.elapsedSeconds = elapsed()
            row.stepsPerSecond = Double(trainer.agentSteps) / max(row.elapsedSeconds, 1e-9)
            row.episodes = report.episodes.count
            // Updates in which no episode ended carry the previous figures forward.
            row.meanReturn = report.episodes.count > 0 ? report.episodes.meanReturn : previous?.meanReturn ?? .nan
            row.meanLength = report.episodes.count > 0 ? report.episodes.meanLength : previous?.meanLength ?? .nan
            row.taskCompletion = report.episodes.count > 0 ? report.episodes.taskCompletion : previous?.taskCompletion ?? .nan
            row.meanReward = report.agentSteps > 0 ? report.rewardSum / Double(report.agentSteps) : 0
            row.policyLoss = report.losses.policyLoss
            row.valueLoss = report.losses.valueLoss
            row.entropy = report.losses.entropy
            row.approximateKL = report.losses.approximateKL
            row.clipFraction = report.losses.clipFraction
            row.explainedVariance = report.explainedVariance
            row.learningRate = Double(report.learningRate)
            row.gradientNorm = Double(report.gradientNorm)
            row.inferenceSeconds = report.inferenceSeconds
            row.environmentSeconds = report.environmentSeconds
            row.updateSeconds = report.updateSeconds
            try log.append(row)
            previous = row
            progressLine.show(row, fraction: fraction())
            if (clock.now - lastCheckpoint).seconds >= checkpointSeconds {
                try trainer.save(to: checkpointPath, elapsedSeconds: elapsed())
                lastCheckpoint = clock.now
            }
        }
        progressLine.finish()
        try trainer.save(to: checkpointPath, elapsedSeconds: elapsed())
        let svg = LearningCurvePlot.svg(rows: log.rows, title: "gridmmo train \(out): \(log.rows.count) updates")
        try AtomicFile.replace(out + "/learning_curve.svg", with: Array(svg.utf8))
        if let last = log.rows.last {
            print(String(format: "done: %d updates, %d agent-steps in %.0f s (%.0f agent-steps/s); last update: mean return %.3f, task completion %.3f, mean length %.1f",
                         last.update, last.agentSteps, last.elapsedSeconds, last.stepsPerSecond, last.meanReturn, last.taskCompletion, last.meanLength))
        }
        print("wrote \(checkpointPath), \(out)/log.jsonl, \(out)/log.csv, \(out)/learning_curve.svg")
    }
}

/// The live line of a training run on standard error: steps, rate, ETA, return and task completion.
/// On a terminal it rewrites itself at most once a second; in a log it prints a line every 15 seconds.
final class TrainingProgress {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant?
    private let terminal = isatty(STDERR_FILENO) != 0
    private var printed = false

    func show(_ row: TrainingLogRow, fraction: Double) {
        let now = clock.now
        if let last, now - last < (terminal ? .seconds(1) : .seconds(15)) { return }
        last = now
        printed = true
        let remaining = fraction > 0 ? row.elapsedSeconds * (1 - fraction) / fraction : 0
        let text = String(format: "update %d  %d agent-steps  %.0f/s  ETA %@  return %.3f  tasks %.1f%%  length %.0f  entropy %.2f",
                          row.update, row.agentSteps, row.stepsPerSecond, Self.duration(remaining), row.meanReturn, 100 * row.taskCompletion,
                          row.meanLength, row.entropy)
        FileHandle.standardError.write(Data((terminal ? "\r\(text)   " : "\(text)\n").utf8))
    }

    func finish() {
        if printed && terminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(max(0, seconds).rounded())
        return total >= 3600 ? String(format: "%dh%02dm", total / 3600, total % 3600 / 60) : String(format: "%dm%02ds", total / 60, total % 60)
    }
}
