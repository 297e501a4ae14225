import MMOCore
import MMOEnv

/// Follows one batch of episodes, one per environment, to their ends: every agent's return and
/// lifetime from the step buffers, and, from the world after its last tick (before the
/// environment's auto-reset), the episode's length and every agent's task progress. Each
/// environment's end hook touches only its own entries, in raw memory (the hook runs on the
/// thread stepping that environment).
final class EpisodeTracker: @unchecked Sendable {
    private unowned let env: VecEnv
    let agentsPerEnv: Int
    /// Per environment: its episode is still running (it ran at the start of the current step).
    let running: UnsafeMutableBufferPointer<Bool>
    /// Per environment: its episode ended during the last step.
    private let endedNow: UnsafeMutableBufferPointer<Bool>
    private let lengths: UnsafeMutableBufferPointer<Int>
    private let returns: UnsafeMutableBufferPointer<Double>
    private let lifetimes: UnsafeMutableBufferPointer<Int>
    private let progress: UnsafeMutableBufferPointer<Float>

    init(env: VecEnv) {
        self.env = env
        agentsPerEnv = env.agentsPerEnv
        func buffer<T>(_ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
            let pointer = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
            pointer.initialize(repeating: value)
            return pointer
        }
        running = buffer(env.environmentCount, false)
        endedNow = buffer(env.environmentCount, false)
        lengths = buffer(env.environmentCount, 0)
        returns = buffer(env.totalAgents, 0)
        lifetimes = buffer(env.totalAgents, 0)
        progress = buffer(env.totalAgents, 0)
    }

    deinit {
        running.deallocate()
        endedNow.deallocate()
        lengths.deallocate()
        returns.deallocate()
        lifetimes.deallocate()
        progress.deallocate()
    }

    /// Environments 0..<count start an episode (the rest stay idle).
    func start(count: Int) {
        for environment in 0..<env.environmentCount {
            running[environment] = environment < count
            endedNow[environment] = false
        }
        returns.update(repeating: 0)
        lifetimes.update(repeating: 0)
        progress.update(repeating: 0)
    }

    /// The end hook (`VecEnv.afterTick`): records the episode's end when the world is over.
    func ticked(environment: Int, world: World) {
        guard running[environment], world.isOver else { return }
        endedNow[environment] = true
        lengths[environment] = world.tick
        for agent in 0..<agentsPerEnv {
            progress[environment * agentsPerEnv + agent] = env.taskProgress(environment: environment, agent: agent) ?? 0
        }
    }

    /// Adds a step of the running episodes: `alive` (per agent, before the step) and the step's rewards.
    func stepped(alive: UnsafePointer<UInt8>, buffers: StepBuffers) {
        for environment in 0..<env.environmentCount where running[environment] {
            for agent in environment * agentsPerEnv..<(environment + 1) * agentsPerEnv {
                returns[agent] += Double(buffers.rewards[agent])
                lifetimes[agent] += Int(alive[agent])
            }
            if endedNow[environment] { running[environment] = false }
        }
    }

    var anyRunning: Bool { running.contains(true) }

    /// The finished episode of `environment` as `episode`, split by `isAttacked`.
    func outcome(environment: Int, episode: Int, isAttacked: (Int) -> Bool) -> EpisodeOutcome {
        var sums = [[Double]](repeating: [0, 0, 0, 0], count: 2)
        for agent in environment * agentsPerEnv..<(environment + 1) * agentsPerEnv {
            let group = isAttacked(agent) ? 1 : 0
            sums[group][0] += 1
            sums[group][1] += returns[agent]
            sums[group][2] += progress[agent] >= 1 ? 1 : 0
            sums[group][3] += Double(lifetimes[agent])
        }
        func mean(_ groups: [Int], _ field: Int) -> Double {
            let count = groups.reduce(0) { $0 + sums[$1][0] }
            return count > 0 ? groups.reduce(0) { $0 + sums[$1][field] } / count : .nan
        }
        return EpisodeOutcome(
            episode: episode, length: lengths[environment],
            meanReturn: mean([0, 1], 1), attackedReturn: mean([1], 1), unattackedReturn: mean([0], 1),
            completion: mean([0, 1], 2), attackedCompletion: mean([1], 2), unattackedCompletion: mean([0], 2),
            meanLifetime: mean([0, 1], 3), attackedLifetime: mean([1], 3), unattackedLifetime: mean([0], 3)
        )
    }
}
