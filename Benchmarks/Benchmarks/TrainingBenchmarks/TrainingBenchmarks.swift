import Benchmark
import Foundation
import MMOCore
import MMONet
import MMOTasks
import MMOTrain

/// End-to-end PPO training throughput with the default settings `gridmmo train` uses: 8 default
/// environments x 128 agents on the shipped training maps, tasks from `curricula/train.json`, the
/// default `PolicyConfig` (366,834 parameters), 64-step rollouts, minibatches of 2,048, 2 threads.
/// One benchmark iteration is one `Trainer.iterate`: the rollout (policy inference, environment
/// steps) and the update (features, forward, backward, Adam).
///
/// - `agent-steps/s`: living agent-steps collected per second of the whole iteration's wall time:
///   the samples a learner receives, counted as `gridmmo train` counts them.
/// - `update %`, `inference %`, `environment %`: where the iteration's wall time went.
///
/// A fresh policy's agents die young and its environments reset often; `warmupIterations` updates
/// run first so the measured ones see longer episodes, as most of a real run does.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, agentStepsPerSecond, updateShare, inferenceShare, environmentShare],
        warmupIterations: 10,
        maxDuration: .seconds(60),
        maxIterations: 40
    )

    Benchmark("train iteration, default policy, 8 envs x 128, 2 threads") { benchmark, trainer in
        for _ in benchmark.scaledIterations {
            let start = ContinuousClock.now
            let report = trainer.iterate(progress: 0)
            let parts = (ContinuousClock.now - start).components
            let seconds = Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
            benchmark.measurement(agentStepsPerSecond, Int(Double(report.agentSteps) / max(seconds, 1e-12)))
            benchmark.measurement(updateShare, Int(100 * report.updateSeconds / seconds))
            benchmark.measurement(inferenceShare, Int(100 * report.inferenceSeconds / seconds))
            benchmark.measurement(environmentShare, Int(100 * report.environmentSeconds / seconds))
        }
    } setup: {
        try defaultTrainer()
    }
}

let agentStepsPerSecond = BenchmarkMetric.custom("agent-steps/s", polarity: .prefersLarger, useScalingFactor: false)
let updateShare = BenchmarkMetric.custom("update %", polarity: .prefersSmaller, useScalingFactor: false)
let inferenceShare = BenchmarkMetric.custom("inference %", polarity: .prefersSmaller, useScalingFactor: false)
let environmentShare = BenchmarkMetric.custom("environment %", polarity: .prefersSmaller, useScalingFactor: false)

/// The repository's root directory.
let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A `Trainer` as `gridmmo train --curriculum curricula/train.json --maps maps/train` builds it.
func defaultTrainer() throws -> Trainer {
    BLASRuntime.setThreads(1)  // the trainer's workers parallelise; OpenBLAS runs one thread in each
    let game = Config.default
    let maps = try MapSet.load(directory: repository.appendingPathComponent("maps/train").path, config: game)
    let curriculum = try CurriculumFile.load(path: repository.appendingPathComponent("curricula/train.json").path)
    return Trainer(config: PPOConfig(), policy: PolicyConfig(), game: game, maps: maps.maps, curriculum: curriculum)
}
