import MMOCore

/// Records one environment's first episode into a replay file during a batched run: stops at the
/// end of that episode (before the auto-reset) or when the run ends, and keeps the first write
/// error to report it afterwards instead of failing inside a worker thread. With a curriculum the
/// replay also stores every agent's task (its spec name) and progress at every tick.
///
/// The environment owns its recorder through the `afterTick` hook that calls `record(_:)`, so the
/// recorder holds the environment unowned: owning it too would make a cycle that keeps the
/// environment, its worlds and its curriculum alive after the run.
public final class ReplayRecorder: @unchecked Sendable {
    private unowned let env: VecEnv
    private let environment: Int
    private var writer: ReplayWriter?
    /// The agents' tasks, refilled from `env` before each tick is recorded; nil without a curriculum.
    private var tasks: ReplayTasks?
    private var summary: ReplaySummary?
    private var failure: ReplayError?

    /// Starts recording environment `environment` of `env`, which must be at tick 0.
    public init(path: String, env: VecEnv, environment: Int) throws(ReplayError) {
        self.env = env
        self.environment = environment
        tasks = env.curriculum.map { ReplayTasks(names: $0.specs.map(\.name), playerCount: env.agentsPerEnv) }
        refillTasks()
        writer = try ReplayWriter(path: path, world: env.world(environment), tasks: tasks)
    }

    /// Appends the world's latest tick while the first episode lasts.
    public func record(_ world: World) {
        guard let writer else { return }
        refillTasks()
        do {
            try writer.record(world, tasks: tasks)
            if world.isOver { close() }
        } catch {
            failure = error
            self.writer = nil
        }
    }

    /// Whether recording has stopped: the episode ended (the file is complete) or a write failed
    /// (`finish` throws it).
    public var isFinished: Bool { writer == nil }

    /// Finishes the file (if the episode has not ended yet) and says what was written, or throws the
    /// first error met while recording.
    public func finish() throws(ReplayError) -> ReplaySummary {
        close()
        if let failure { throw failure }
        return summary!
    }

    /// Copies every agent's task index and progress from the environment into `tasks`.
    private func refillTasks() {
        guard tasks != nil else { return }
        for agent in 0..<env.agentsPerEnv {
            tasks?.labels[agent] = env.taskIndex(environment: environment, agent: agent) ?? 0
            tasks?.progress[agent] = env.taskProgress(environment: environment, agent: agent) ?? 0
        }
    }

    private func close() {
        guard let writer else { return }
        self.writer = nil
        do {
            summary = try writer.finish()
        } catch {
            failure = error
        }
    }
}
