import MMOCore
import MMOTasks

/// N environments x M agents stepped by one call into caller-owned flat buffers.
///
/// Environments are split into as many contiguous chunks as there are threads and the chunks run
/// concurrently; each environment reads and writes only its own rows of the buffers, and its
/// trajectory depends only on its seed and its actions, so results are bit-identical for any
/// thread count or batch size. Environment `i` of a `VecEnv` built with `seed: s` plays exactly
/// like environment 0 of one built with `seed: s + i`.
///
/// Episodes end at the horizon, when every player is dead, or (with `earlyStopPopulation`) when few
/// enough are left; such an environment is reset within
/// the same `step` call (its episode counter advances and a map is drawn from the pool), and the
/// observation written for it is the new episode's first. That step's rewards, terminations and
/// truncations still belong to the episode that ended. With `autoReset: .nextStep` the reset waits
/// for the world's next `step` instead (see `AutoReset`); the episodes played are the same. Dead agents stay in the buffers with
/// `self.alive == 0`, zero reward and only the no-op legal.
///
/// Rewards: with a curriculum, each agent's task (drawn at every reset, see `TaskAssignment`)
/// pays the increase of its progress every tick, so a completed task has paid 1 in total; every
/// agent also gets `deathPenalty` (the reference default's -1; 0 turns it off) on the tick it dies.
/// Without a curriculum only the death penalty applies.
public final class VecEnv: @unchecked Sendable {
    public let config: Config
    public let observationLayout: ObservationLayout
    public let actionLayout: ActionLayout
    public let environmentCount: Int
    public let agentsPerEnv: Int
    /// `environmentCount * agentsPerEnv`.
    public let totalAgents: Int
    /// Threads used per call (chunks of environments run concurrently).
    public let threads: Int
    /// The map pool; each episode draws one with its seed.
    public let maps: [GameMap]
    private let slots: [EnvironmentSlot]
    /// The threads chunks run on (`threads - 1` of them besides the caller's).
    private let workers: ChunkWorkers
    /// Called after every environment's tick, before any auto-reset, on the thread stepping that
    /// environment, with the environment index and its world: the place to record replays or
    /// gather statistics. It must only touch state belonging to that environment.
    public var afterTick: ((_ environment: Int, _ world: World) -> Void)?
    private let decoder: ActionDecoder
    /// The curriculum tasks are drawn from, if any.
    public let curriculum: Curriculum?
    /// Reward added on the tick an agent dies.
    public let deathPenalty: Float
    /// When above 0, an episode also ends (survivors truncated) on the tick its living players
    /// drop to this many or fewer: the 2023 competition baseline's early stop (8), which keeps a
    /// trainer's samples coming from populated worlds. 0 (the default) plays every episode out.
    public let earlyStopPopulation: Int
    /// Whether a finished world starts its next episode in the same step or the next one.
    public let autoReset: AutoReset
    /// `TaskEmbedding.embed` of every curriculum spec in half precision, `TaskEmbedding.dimension`
    /// values per spec, back to back (empty without a curriculum): the rows the `task_embedding`
    /// segment copies. Without that segment, policies look an agent's row up by its `task` segment.
    public let taskEmbeddings: [Float16]
    /// Whether each observation carries its task's embedding (the `task_embedding` segment).
    public var taskEmbeddingInObservations: Bool { observationLayout.segment(named: "task_embedding") != nil }

    /// Creates `environmentCount` environments seeded `seed, seed + 1, ...`.
    public convenience init(config: Config, maps: [GameMap], environmentCount: Int, seed: UInt64, threads: Int, curriculum: Curriculum? = nil,
                            deathPenalty: Float = -1, taskEmbeddingInObservations: Bool = true, earlyStopPopulation: Int = 0,
                            autoReset: AutoReset = .sameStep) {
        self.init(config: config, maps: maps, seeds: (0..<environmentCount).map { seed &+ UInt64($0) }, threads: threads, curriculum: curriculum,
                  deathPenalty: deathPenalty, taskEmbeddingInObservations: taskEmbeddingInObservations, earlyStopPopulation: earlyStopPopulation,
                  autoReset: autoReset)
    }

    /// Creates one environment per seed. `maps` must be non-empty and match `config.map.size`.
    /// With a `curriculum`, agents are dealt tasks and rewarded for progress (see the type's notes);
    /// `taskEmbeddingInObservations` false leaves the 512-byte `task_embedding` segment out of every
    /// record (look rows up in `taskEmbeddings` instead), which saves memory bandwidth.
    public init(config: Config, maps: [GameMap], seeds: [UInt64], threads: Int, curriculum: Curriculum? = nil, deathPenalty: Float = -1,
                taskEmbeddingInObservations: Bool = true, earlyStopPopulation: Int = 0, autoReset: AutoReset = .sameStep) {
        precondition(!maps.isEmpty, "VecEnv needs at least one map")
        precondition(earlyStopPopulation >= 0, "earlyStopPopulation is a number of players, 0 for off")
        self.earlyStopPopulation = earlyStopPopulation
        self.autoReset = autoReset
        precondition(!seeds.isEmpty, "VecEnv needs at least one environment")
        self.config = config
        self.maps = maps
        self.curriculum = curriculum
        self.deathPenalty = deathPenalty
        taskEmbeddings = curriculum.map { $0.specs.flatMap(TaskEmbedding.embed).map { Float16($0) } } ?? []
        observationLayout = ObservationLayout(config: config, tasks: curriculum != nil,
                                              taskEmbeddingDimension: curriculum != nil && taskEmbeddingInObservations ? TaskEmbedding.dimension : 0)
        actionLayout = ActionLayout(config: config)
        environmentCount = seeds.count
        agentsPerEnv = config.players.count
        totalAgents = environmentCount * agentsPerEnv
        self.threads = max(1, min(threads, seeds.count))
        decoder = ActionDecoder(layout: actionLayout)
        let layout = observationLayout
        let actions = actionLayout
        slots = seeds.map { EnvironmentSlot(config: config, maps: maps, environmentSeed: $0, layout: layout, actions: actions, curriculum: curriculum) }
        workers = ChunkWorkers(chunks: self.threads)
    }

    deinit {
        workers.stop()
    }

    /// The world of environment `index` (for replays, tools and tests; do not mutate it).
    public func world(_ index: Int) -> World { slots[index].world }

    /// Writes the current observations and masks of every environment and clears rewards,
    /// terminations and truncations. Call once before the first `step`. Throws, writing nothing,
    /// if a buffer's length is not exactly what the environment needs.
    public func observe(into buffers: StepBuffers) throws(StepBufferError) {
        try StepBufferError.check(buffers, for: self)
        forEachChunk { range in
            for index in range {
                self.writeObservations(index, buffers)
                self.clearOutcomes(index, buffers)
            }
        }
    }

    /// Throws if a buffer's length is not exactly what `observe`, `reset` and `step` need (they
    /// check it themselves; this is for callers that must know before they start a step).
    public func validate(_ buffers: StepBuffers) throws(StepBufferError) {
        try StepBufferError.check(buffers, for: self)
    }

    /// Applies one action row per agent (`actionLayout.headCount` `Int32`s each), advances every
    /// environment one tick, and writes observations, masks, rewards, terminations and truncations.
    /// Throws, stepping nothing, if a buffer's length is not exactly what the environment needs.
    public func step(actions: UnsafeBufferPointer<Int32>, into buffers: StepBuffers) throws(StepBufferError) {
        try StepBufferError.check(buffers, for: self)
        try StepBufferError.check(actions: actions, for: self)
        let actions = actions.baseAddress!
        forEachChunk { range in
            for index in range { self.step(index, actions, buffers) }
        }
    }

    /// Abandons environment `index`'s episode in progress and starts a new one on `maps[map]`,
    /// played with `seed` (the world's own seed, as `World.reset` takes it, not an environment
    /// seed), then writes that environment's observations and masks and clears its rewards and
    /// flags. The abandoned episode is neither counted as finished nor scored. For callers that
    /// choose every episode's map and seed themselves, such as an evaluation harness; later
    /// auto-resets of the environment continue from its own seed as before. Throws, changing
    /// nothing, if a buffer's length is not what the environment needs.
    public func restart(environment index: Int, map: Int, seed: UInt64, into buffers: StepBuffers) throws(StepBufferError) {
        precondition(slots.indices.contains(index), "environment \(index) is not in 0..<\(environmentCount)")
        precondition(maps.indices.contains(map), "map \(map) is not in 0..<\(maps.count)")
        try StepBufferError.check(buffers, for: self)
        slots[index].restart(map: maps[map], seed: seed)
        writeObservations(index, buffers)
        clearOutcomes(index, buffers)
    }

    /// Starts every environment over as if the `VecEnv` had just been made with these seeds (one
    /// per environment): environment `i` begins the first episode of seed `seeds[i]`, with its map,
    /// its tasks and the auto-resets after it exactly as a new `VecEnv` would play them. Then writes
    /// every observation and mask and clears rewards and flags, as `observe` does. Throws, changing
    /// nothing, if a buffer's length is not what the environment needs or `seeds` does not hold one
    /// seed per environment (reported as a wrong `seeds` length). Counters such as `agentSteps`
    /// and `finishedEpisodes` keep counting.
    public func reset(seeds: [UInt64], into buffers: StepBuffers) throws(StepBufferError) {
        try StepBufferError.check(buffers, for: self)
        guard seeds.count == environmentCount else { throw StepBufferError(buffer: .seeds, expected: environmentCount, given: seeds.count) }
        forEachChunk { range in
            for index in range {
                self.slots[index].reseed(seeds[index], maps: self.maps)
                self.writeObservations(index, buffers)
                self.clearOutcomes(index, buffers)
            }
        }
    }

    /// Runs `body` over contiguous chunks of environment indices, one chunk per thread, and
    /// returns when all chunks are done. `body` must touch only the state and buffer rows of the
    /// environments in its range; that is what makes sharing it across threads safe.
    public func forEachChunk(_ body: (Range<Int>) -> Void) {
        let chunks = threads
        let count = environmentCount
        workers.run { chunk in body(chunk * count / chunks..<(chunk + 1) * count / chunks) }
    }

    /// The curriculum index of the task agent `agent` of environment `environment` was dealt this
    /// episode (see `curriculum.specs`); nil without a curriculum.
    public func taskIndex(environment: Int, agent: Int) -> Int? {
        slots[environment].tasks.map { Int($0.specIndex[agent]) }
    }

    /// The best progress, in 0...1, agent `agent` of environment `environment` has made on its task
    /// this episode; nil without a curriculum.
    public func taskProgress(environment: Int, agent: Int) -> Float? {
        slots[environment].tasks.map { $0.progress[agent] }
    }

    /// Episodes finished so far over all environments, and their total length in ticks.
    public var finishedEpisodes: (count: Int, ticks: Int) {
        slots.reduce((0, 0)) { ($0.0 + $1.finishedEpisodes, $0.1 + $1.finishedTicks) }
    }

    /// Tasks dealt and completed (best progress reached 1) over all environments and episodes;
    /// (0, 0) without a curriculum.
    public var taskTotals: (assigned: Int, completed: Int) {
        slots.reduce((0, 0)) { ($0.0 + ($1.tasks?.assigned ?? 0), $0.1 + ($1.tasks?.completed ?? 0)) }
    }

    /// The outcomes of the tasks dealt so far, per curriculum spec, merged over the environments in
    /// order, with the competition's per-category scoring (`TaskScoreboard`): finished episodes only,
    /// or also the tasks of the episodes in progress, at their best progress so far. `nil` without
    /// a curriculum.
    public func taskScoreboard(includingEpisodesInProgress: Bool = false) -> TaskScoreboard? {
        guard let curriculum else { return nil }
        var board = TaskScoreboard(curriculum: curriculum)
        for slot in slots {
            guard let tasks = slot.tasks else { continue }
            board.merge(tasks.scoreboard)
            if includingEpisodesInProgress { tasks.recordOutcomes(into: &board) }
        }
        return board
    }

    /// Agent-steps taken so far over all environments: one per living agent per `step`, counted
    /// before the tick, so an agent dying in a tick still counts for it (it gets that step's reward
    /// and termination). Dead agents' rows are not counted: this is the number of samples a learner
    /// receives, the unit of every throughput figure GridMMO reports.
    public var agentSteps: Int { slots.reduce(0) { $0 + $1.agentSteps } }

    /// Action heads that named an illegal or out-of-range option (ignored as "nothing"), over all environments.
    public var illegalActions: Int { slots.reduce(0) { $0 + $1.illegalActions } }

    private func step(_ index: Int, _ actions: UnsafePointer<Int32>, _ buffers: StepBuffers) {
        let slot = slots[index]
        if slot.awaitingReset {
            slot.startNextEpisode(maps: maps)
            writeObservations(index, buffers)
            clearOutcomes(index, buffers)
            return
        }
        let world = slot.world
        let firstAgent = index * agentsPerEnv
        let heads = actionLayout.headCount
        let maskWidth = actionLayout.maskWidth
        let rows = config.observation.entities
        var illegal = 0
        var living = 0
        for agent in 0..<agentsPerEnv where world.entities.alive[agent] != 0 {
            living += 1
            illegal += decoder.decode(
                agent: agent,
                actions: actions + (firstAgent + agent) * heads,
                mask: buffers.masks.baseAddress! + (firstAgent + agent) * maskWidth,
                shown: slot.rowSlots.base + agent * rows,
                into: world
            )
        }
        slot.illegalActions += illegal
        slot.agentSteps += living

        world.step()
        slot.tasks?.update(for: world)
        afterTick?(index, world)

        let rewards = buffers.rewards.baseAddress! + firstAgent
        let terminations = buffers.terminations.baseAddress! + firstAgent
        let truncations = buffers.truncations.baseAddress! + firstAgent
        let tick = Int32(world.tick)
        var stoppedEarly = false
        if earlyStopPopulation > 0 {
            var alive = 0
            for agent in 0..<agentsPerEnv where world.entities.alive[agent] != 0 { alive += 1 }
            stoppedEarly = alive > 0 && alive <= earlyStopPopulation
        }
        let truncating = world.tick >= config.episode.horizon || stoppedEarly
        for agent in 0..<agentsPerEnv {
            let diedNow = world.entities.deathTick[agent] == tick
            let actedThisTick = world.entities.alive[agent] != 0 || diedNow
            let taskReward = actedThisTick ? slot.tasks?.reward(of: agent) ?? 0 : 0
            rewards[agent] = taskReward + (diedNow ? deathPenalty : 0)
            terminations[agent] = diedNow ? 1 : 0
            truncations[agent] = truncating && world.entities.alive[agent] != 0 ? 1 : 0
        }
        if world.isOver || stoppedEarly {
            switch autoReset {
            case .sameStep: slot.startNextEpisode(maps: maps)
            case .nextStep: slot.awaitingReset = true
            }
        }
        writeObservations(index, buffers)
    }

    private func writeObservations(_ index: Int, _ buffers: StepBuffers) {
        let firstAgent = index * agentsPerEnv
        taskEmbeddings.withUnsafeBufferPointer { embeddings in
            slots[index].writer.write(
                slots[index].world,
                observations: buffers.observations.baseAddress! + firstAgent * observationLayout.bytesPerAgent,
                masks: buffers.masks.baseAddress! + firstAgent * actionLayout.maskWidth,
                rowSlots: slots[index].rowSlots.base,
                tasks: slots[index].tasks,
                embeddings: embeddings.baseAddress,
                embeddingDimension: TaskEmbedding.dimension
            )
        }
    }

    private func clearOutcomes(_ index: Int, _ buffers: StepBuffers) {
        let firstAgent = index * agentsPerEnv
        (buffers.rewards.baseAddress! + firstAgent).update(repeating: 0, count: agentsPerEnv)
        (buffers.terminations.baseAddress! + firstAgent).update(repeating: 0, count: agentsPerEnv)
        (buffers.truncations.baseAddress! + firstAgent).update(repeating: 0, count: agentsPerEnv)
    }
}
