import MMOCore
import MMOTasks

/// The tasks of one environment's current episode: which curriculum spec each agent was dealt,
/// the batch that evaluates them, the progress counters fed by the event log, and each agent's
/// best progress so far and one tick ago. The reward is the increase of the best progress, so
/// rewards are never negative and a task pays 1 in total when it completes, nothing after.
///
/// At every reset each agent draws a spec from the curriculum with probability proportional to
/// its weight, from the episode's own random stream (`RngStream.tasks`). A spec rewarded to the
/// agent is evaluated for that agent; one rewarded to the team is evaluated for the agent's whole
/// team (for the agent alone without teams), and the agent receives that shared progress.
///
/// A task is evaluated every tick while its agent lives (and on the tick it dies) until it
/// completes; after that its progress stays where it was. Tasks are evaluated grouped by the
/// operation at the root of their predicate, which keeps the evaluator's branches predictable.
/// Every spec is compiled once, when the environment is made, so dealing and stepping allocate
/// nothing.
final class TaskAssignment {
    let curriculum: Curriculum
    let counters: ProgressCounters
    /// Spec index per player slot.
    let specIndex: FixedArray<Int32>
    /// Best progress per player slot so far this episode, and as of the previous tick.
    let progress: FixedArray<Float>
    let previous: FixedArray<Float>
    /// The predicates' raw progress at their last evaluation (it can fall, for example when a gold
    /// hoard is spent).
    private let current: FixedArray<Float>
    /// Every spec's program; task `i` is player slot `i`'s.
    private let batch: TaskBatch
    /// Players whose tasks are still evaluated, `openCount` of them, ordered by `specRank`.
    private let open: FixedArray<Int32>
    private var openCount = 0
    /// Each spec's position when specs are ordered by root operation, then index.
    private let specRank: FixedArray<Int32>
    /// Scratch for dealing: players per rank, and the members of one subject.
    private let rankCounts: FixedArray<Int32>
    private let subjectMembers: FixedArray<Int>
    /// Tasks dealt and tasks completed (best progress reached 1) over all episodes so far.
    private(set) var assigned = 0
    private(set) var completed = 0
    /// The best progress of every task of the finished episodes, per spec.
    private(set) var scoreboard: TaskScoreboard

    init(curriculum: Curriculum, world: World) {
        self.curriculum = curriculum
        scoreboard = TaskScoreboard(curriculum: curriculum)
        counters = ProgressCounters(config: world.config)
        for spec in curriculum.specs { counters.watch(spec.predicate) }
        let players = world.entities.playerCount
        let teams = world.entities.team
        var largestTeam = 1
        for player in 0..<players where teams[player] >= 0 {
            largestTeam = max(largestTeam, (0..<players).count(where: { teams[$0] == teams[player] }))
        }
        batch = TaskBatch(programs: curriculum.specs.map(\.predicate), capacity: players, memberCapacity: players * largestTeam)
        specIndex = FixedArray(repeating: 0, count: players)
        progress = FixedArray(repeating: 0, count: players)
        previous = FixedArray(repeating: 0, count: players)
        current = FixedArray(repeating: 0, count: players)
        open = FixedArray(repeating: 0, count: players)
        let batch = self.batch
        let order = curriculum.specs.indices.sorted { (batch.rootOperation(of: $0), $0) < (batch.rootOperation(of: $1), $1) }
        specRank = FixedArray(repeating: 0, count: curriculum.specs.count)
        for (rank, spec) in order.enumerated() { specRank[spec] = Int32(rank) }
        rankCounts = FixedArray(repeating: 0, count: curriculum.specs.count + 1)
        subjectMembers = FixedArray(repeating: 0, count: players)
        deal(for: world)
    }

    deinit {
        specIndex.deallocate()
        progress.deallocate()
        previous.deallocate()
        current.deallocate()
        open.deallocate()
        specRank.deallocate()
        rankCounts.deallocate()
        subjectMembers.deallocate()
    }

    /// Records the outcomes of the episode that ended, then deals new tasks for the episode `world`
    /// has just started.
    func assign(for world: World) {
        recordOutcomes(into: &scoreboard)
        deal(for: world)
    }

    /// Records every task's best progress so far as an outcome.
    func recordOutcomes(into board: inout TaskScoreboard) {
        for player in 0..<progress.count { board.record(spec: Int(specIndex[player]), progress: progress[player]) }
    }

    /// Deals new tasks for the episode `world` has just started and evaluates them at tick 0.
    func deal(for world: World) {
        var rng = Rng(seed: world.seed, stream: .tasks)
        let players = world.entities.playerCount
        counters.reset()
        batch.removeAllTasks()
        rankCounts.fill(0)
        for player in 0..<players {
            let index = curriculum.sampleIndex(using: &rng)
            specIndex[player] = Int32(index)
            batch.append(program: index, members: subject(of: player, rewardTo: curriculum.specs[index].rewardTo, in: world))
            rankCounts[Int(specRank[index]) + 1] += 1
        }
        for rank in 0..<curriculum.specs.count { rankCounts[rank + 1] += rankCounts[rank] }
        for player in 0..<players {
            let rank = Int(specRank[Int(specIndex[player])])
            open[Int(rankCounts[rank])] = Int32(player)
            rankCounts[rank] += 1
        }
        openCount = players
        assigned += players
        progress.fill(0)
        update(for: world)
        previous.copy(from: progress.base)
    }

    /// Re-evaluates the open tasks after a tick; `reward(of:)` then gives the increase of each
    /// agent's best progress.
    func update(for world: World) {
        previous.copy(from: progress.base)
        counters.update(from: world)
        batch.progress(ofTasks: UnsafeBufferPointer(start: open.base, count: openCount), in: world, counters: counters,
                       into: UnsafeMutableBufferPointer(start: current.base, count: current.count))
        let alive = world.entities.alive
        var kept = 0
        for position in 0..<openCount {
            let player = Int(open[position])
            if current[player] > progress[player] {
                progress[player] = current[player]
                if progress[player] >= 1 { completed += 1 }
            }
            if progress[player] < 1 && alive[player] != 0 {
                open[kept] = open[position]
                kept += 1
            }
        }
        openCount = kept
    }

    /// The best progress an agent gained during the last tick (0 or more).
    @inline(__always)
    func reward(of player: Int) -> Float { progress[player] - previous[player] }

    /// The players `player`'s task is evaluated for: the player alone, or for a team reward its
    /// whole team (the player alone without teams); a view of `subjectMembers`.
    private func subject(of player: Int, rewardTo: TaskSpec.RewardTarget, in world: World) -> UnsafeBufferPointer<Int> {
        let teams = world.entities.team
        var count = 0
        if rewardTo == .team && teams[player] >= 0 {
            for other in 0..<world.entities.playerCount where teams[other] == teams[player] {
                subjectMembers[count] = other
                count += 1
            }
        } else {
            subjectMembers[0] = player
            count = 1
        }
        return UnsafeBufferPointer(start: subjectMembers.base, count: count)
    }
}
