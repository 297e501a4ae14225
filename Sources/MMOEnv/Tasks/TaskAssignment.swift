import MMOCore
import MMOTasks

/// The tasks of one environment's current episode: which curriculum spec each agent was dealt,
/// the compiled batch that evaluates them, the progress counters fed by the event log, and each
/// agent's best progress so far and one tick ago. The reward is the increase of the best progress,
/// so rewards are never negative and a task pays 1 in total when it completes, nothing after.
///
/// At every reset each agent draws a spec from the curriculum with probability proportional to
/// its weight, from the episode's own random stream (`RngStream.tasks`). A spec rewarded to the
/// agent is evaluated for that agent; one rewarded to the team is evaluated for the agent's whole
/// team (for the agent alone without teams), and the agent receives that shared progress.
/// Compiling the batch allocates, once per episode; stepping allocates nothing.
final class TaskAssignment {
    let curriculum: Curriculum
    let counters: ProgressCounters
    /// Spec index per player slot.
    let specIndex: FixedArray<Int32>
    /// Best progress per player slot so far this episode, and as of the previous tick.
    let progress: FixedArray<Float>
    let previous: FixedArray<Float>
    /// The predicates' raw progress this tick (it can fall, for example when a gold hoard is spent).
    private let current: FixedArray<Float>
    private(set) var batch: TaskBatch
    /// Tasks dealt and tasks completed (best progress reached 1) over all episodes so far.
    private(set) var assigned = 0
    private(set) var completed = 0

    init(curriculum: Curriculum, world: World) {
        self.curriculum = curriculum
        counters = ProgressCounters(config: world.config)
        let players = world.entities.playerCount
        specIndex = FixedArray(repeating: 0, count: players)
        progress = FixedArray(repeating: 0, count: players)
        previous = FixedArray(repeating: 0, count: players)
        current = FixedArray(repeating: 0, count: players)
        batch = TaskBatch(predicates: [], subjects: [])
        assign(for: world)
    }

    deinit {
        specIndex.deallocate()
        progress.deallocate()
        previous.deallocate()
        current.deallocate()
    }

    /// Deals new tasks for the episode `world` has just started and evaluates them at tick 0.
    func assign(for world: World) {
        var rng = Rng(seed: world.seed, stream: .tasks)
        let players = world.entities.playerCount
        var predicates: [TaskPredicate] = []
        var subjects: [Subject] = []
        predicates.reserveCapacity(players)
        subjects.reserveCapacity(players)
        counters.reset()
        counters.unwatchAll()
        for player in 0..<players {
            let index = curriculum.sampleIndex(using: &rng)
            let spec = curriculum.specs[index]
            specIndex[player] = Int32(index)
            predicates.append(spec.predicate)
            let team = Int(world.entities.team[player])
            let subject = spec.rewardTo == .team && team >= 0 ? Subject.team(team, in: world) ?? .agent(player) : .agent(player)
            subjects.append(subject)
            counters.watch(spec.predicate)
        }
        batch = TaskBatch(predicates: predicates, subjects: subjects)
        assigned += players
        counters.update(from: world)
        batch.progress(in: world, counters: counters, into: UnsafeMutableBufferPointer(start: current.base, count: players))
        progress.copy(from: current.base)
        previous.copy(from: current.base)
        for player in 0..<players where progress[player] >= 1 { completed += 1 }
    }

    /// Re-evaluates every task after a tick; `reward(of:)` then gives the increase of each
    /// agent's best progress.
    func update(for world: World) {
        previous.copy(from: progress.base)
        counters.update(from: world)
        batch.progress(in: world, counters: counters, into: UnsafeMutableBufferPointer(start: current.base, count: current.count))
        for player in 0..<progress.count where current[player] > progress[player] {
            if progress[player] < 1 && current[player] >= 1 { completed += 1 }
            progress[player] = current[player]
        }
    }

    /// The best progress an agent gained during the last tick (0 or more).
    @inline(__always)
    func reward(of player: Int) -> Float { progress[player] - previous[player] }
}
