import Benchmark
import Foundation
import MMOCore
import MMOEnv
import MMOTasks

/// Throughput, allocations and memory of the batched step on the default (Neural MMO 2.1 Medium)
/// config; observations and masks are written every step. One benchmark iteration is one
/// `VecEnv.step` of every environment plus the policy drawing that step's actions.
///
/// - `agent-steps/s`: living agents stepped (`VecEnv.agentSteps`, the samples a learner receives)
///   per second of `VecEnv.step` wall time (the policy is timed separately and left out).
/// - allocations: counted by the malloc interposer over whole iterations, policy included, in
///   benchmarks that record no custom metric (recording one allocates inside the harness).
/// - resident memory of 64 default environments with their buffers.
///
/// Workloads: the steady state is an immortal population (`players.immortal`: every rule runs,
/// nobody dies, so every slot is a living agent) under random valid actions on every head, at 8 x
/// 128 default environments and at 1,024 agents on a 512x512 map (`Config.large`, PufferLib
/// nmmo3's scale). Beside it the default rules with the `random` policy (most agents starve by
/// tick 30) and the `forager` (walks to food and water; most stay alive).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, agentStepsPerSecond],
        warmupIterations: 20,
        maxDuration: .seconds(4),
        maxIterations: 1_500
    )

    for threads in [1, 2] {
        Benchmark("step 8 envs x 128, immortal, random, \(threads) thread(s)") { benchmark, run in
            for _ in benchmark.scaledIterations { try run.stepTimed(benchmark) }
        } setup: {
            try StepRun(environments: 8, threads: threads, policy: .random, immortal: true)
        }
    }
    Benchmark("step 1 env x 1024 on 512x512 (large), immortal, random, 1 thread") { benchmark, run in
        for _ in benchmark.scaledIterations { try run.stepTimed(benchmark) }
    } setup: {
        try StepRun(environments: 1, threads: 1, policy: .random, immortal: true, config: .large, mapCount: 1)
    }
    allocationBenchmark("allocations per step, immortal, random") { try StepRun(environments: 8, threads: 1, policy: .random, immortal: true) }

    for policy in StepRun.Policy.allCases {
        Benchmark("step 8 envs x 128, \(policy), 1 thread") { benchmark, run in
            for _ in benchmark.scaledIterations { try run.stepTimed(benchmark) }
        } setup: {
            try StepRun(environments: 8, threads: 1, policy: policy)
        }
        allocationBenchmark("allocations per step, \(policy)") { try StepRun(environments: 8, threads: 1, policy: policy) }
    }

    // The same step with every agent dealt a task from the shipped training curriculum: the cost
    // of task evaluation plus the task segments of the observation.
    Benchmark("step 8 envs x 128, forager, 1 thread, tasks from curricula/train.json") { benchmark, run in
        for _ in benchmark.scaledIterations { try run.stepTimed(benchmark) }
    } setup: {
        try StepRun(environments: 8, threads: 1, policy: .forager, curriculum: try CurriculumFile.load(path: StepRun.trainingCurriculum))
    }

    // The same without the task_embedding segment: policies look the embedding up by task index.
    Benchmark("step 8 envs x 128, forager, 1 thread, tasks from curricula/train.json, no embedding segment") { benchmark, run in
        for _ in benchmark.scaledIterations { try run.stepTimed(benchmark) }
    } setup: {
        try StepRun(environments: 8, threads: 1, policy: .forager, curriculum: try CurriculumFile.load(path: StepRun.trainingCurriculum),
                taskEmbeddingInObservations: false)
    }

    // Allocations with tasks, over episodes of 64 ticks so that tasks are dealt again at the
    // resets inside the measured iterations.
    allocationBenchmark("allocations per step, forager, tasks from curricula/train.json, 64-tick episodes") {
        try StepRun(environments: 8, threads: 1, policy: .forager, curriculum: try CurriculumFile.load(path: StepRun.trainingCurriculum), horizon: 64)
    }

    // Thread scaling needs chunks of a millisecond or so of work: 64 environments.
    for threads in [1, 2] {
        Benchmark("step 64 envs x 128, forager, \(threads) thread(s)") { benchmark, run in
            for _ in benchmark.scaledIterations { try run.stepTimed(benchmark) }
        } setup: {
            try StepRun(environments: 64, threads: threads, policy: .forager)
        }
    }

    Benchmark(
        "resident memory, 64 default envs, forager",
        configuration: .init(metrics: [.peakMemoryResident], warmupIterations: 0, maxDuration: .seconds(20), maxIterations: 1)
    ) { benchmark, run in
        for _ in benchmark.scaledIterations {
            for _ in 0..<100 { try run.step() }
        }
    } setup: {
        try StepRun(environments: 64, threads: 2, policy: .forager)
    }
}

/// A benchmark counting the allocations of `StepRun.step()` on the run `setup` makes.
func allocationBenchmark(_ name: String, setup: @escaping @Sendable () throws -> StepRun) {
    Benchmark(
        name,
        configuration: .init(metrics: [.mallocCountTotal], warmupIterations: 20, maxDuration: .seconds(2), maxIterations: 500)
    ) { benchmark, run in
        for _ in benchmark.scaledIterations { try run.step() }
    } setup: {
        try setup()
    }
}

/// Custom metric: agents stepped per second of step wall time.
let agentStepsPerSecond = BenchmarkMetric.custom("agent-steps/s", polarity: .prefersLarger, useScalingFactor: false)

/// A `VecEnv` on `mapCount` generated maps of `config` (episodes of `horizon` ticks if given,
/// players immortal if asked) with its buffers and a scripted policy.
final class StepRun {
    enum Policy: String, CaseIterable, CustomStringConvertible {
        case random
        case forager
        var description: String { rawValue }
    }

    let env: VecEnv
    let storage: StepBufferStorage
    let policy: BatchPolicy
    let clock = ContinuousClock()

    /// `curricula/train.json` of the repository.
    static let trainingCurriculum = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("curricula/train.json").path

    init(environments: Int, threads: Int, policy: Policy, curriculum: Curriculum? = nil, horizon: Int? = nil, taskEmbeddingInObservations: Bool = true,
         immortal: Bool = false, config base: Config = .default, mapCount: Int = 4) throws {
        var config = base
        if let horizon { config.episode.horizon = horizon }
        config.players.immortal = immortal
        let maps = (0..<mapCount).map { TerrainGenerator.generate(config: config, seed: UInt64($0) + 1) }
        env = VecEnv(config: config, maps: maps, environmentCount: environments, seed: 1, threads: threads, curriculum: curriculum,
                     taskEmbeddingInObservations: taskEmbeddingInObservations)
        storage = StepBufferStorage(for: env)
        switch policy {
        case .random: self.policy = RandomPolicy(env: env, seed: 1)
        case .forager: self.policy = ForagerPolicy(env: env, seed: 1)
        }
        try env.observe(into: storage.buffers)
    }

    /// Draws actions and steps once.
    func step() throws {
        policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
        try env.step(actions: storage.actionRows, into: storage.buffers)
    }

    /// Draws actions, steps once, and records living agent-steps per second of the step alone.
    func stepTimed(_ benchmark: Benchmark) throws {
        policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
        let stepsBefore = env.agentSteps
        let start = clock.now
        try env.step(actions: storage.actionRows, into: storage.buffers)
        let parts = (clock.now - start).components
        let seconds = Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
        benchmark.measurement(agentStepsPerSecond, Int(Double(env.agentSteps - stepsBefore) / max(seconds, 1e-12)))
    }
}
