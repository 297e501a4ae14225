import Benchmark
import MMOCore
import MMOEnv

/// Throughput, allocations and memory of the batched step on the default (Neural MMO 2.1 Medium)
/// config with random valid actions; observations and masks are written every step. One
/// benchmark iteration is one `VecEnv.step` of every environment; the `agent-steps/s` metric is
/// that step's agent count divided by its wall time. Random actions are drawn outside the timed
/// region but inside the allocation count.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident, agentStepsPerSecond],
        maxDuration: .seconds(5),
        maxIterations: 2_000
    )

    for threads in [1, 2] {
        Benchmark("step default 8 envs x 128 agents, \(threads) thread(s)") { benchmark in
            let run = StepRun(environments: 8, threads: threads)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { run.stepMeasured(benchmark) }
        }
    }

    Benchmark(
        "resident memory, 64 default envs",
        configuration: .init(metrics: [.peakMemoryResident, .mallocCountTotal], maxDuration: .seconds(10), maxIterations: 1)
    ) { benchmark in
        let run = StepRun(environments: 64, threads: 2)
        for _ in benchmark.scaledIterations { run.stepMeasured(nil) }
    }
}

/// Custom metric: agents stepped per second of step wall time.
let agentStepsPerSecond = BenchmarkMetric.custom("agent-steps/s", polarity: .prefersLarger, useScalingFactor: false)

/// A `VecEnv` on generated default maps with its buffers and a random policy.
final class StepRun {
    let env: VecEnv
    let storage: StepBufferStorage
    let policy: RandomPolicy
    let clock = ContinuousClock()

    init(environments: Int, threads: Int) {
        let config = Config.default
        let maps = (0..<4).map { TerrainGenerator.generate(config: config, seed: UInt64($0) + 1) }
        env = VecEnv(config: config, maps: maps, environmentCount: environments, seed: 1, threads: threads)
        storage = StepBufferStorage(for: env)
        policy = RandomPolicy(env: env, seed: 1)
        env.observe(into: storage.buffers)
    }

    /// Draws random actions, steps once, and reports agent-steps per second of the step.
    func stepMeasured(_ benchmark: Benchmark?) {
        policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
        let start = clock.now
        env.step(actions: storage.actions, into: storage.buffers)
        let elapsed = clock.now - start
        let parts = elapsed.components
        let seconds = Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
        benchmark?.measurement(agentStepsPerSecond, Int(Double(env.totalAgents) / max(seconds, 1e-12)))
    }
}
