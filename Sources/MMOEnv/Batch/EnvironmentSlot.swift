import MMOCore
import MMOTasks

/// One environment inside a `VecEnv`: its world, its observation writer, its seeds and counters.
final class EnvironmentSlot {
    let world: World
    let writer: ObservationWriter
    /// The entity slot shown in each observed entity row of each player (-1 for empty rows), as
    /// of the last observation: how target choices are decoded.
    let rowSlots: FixedArray<Int32>
    /// The environment's own seed; episode k plays with `episodeSeed(k)`.
    private(set) var environmentSeed: UInt64
    /// Episodes started so far (the first one is episode 0).
    private(set) var episode = 0
    /// Finished episodes and their summed lengths in ticks.
    private(set) var finishedEpisodes = 0
    private(set) var finishedTicks = 0
    /// Living agents stepped so far, over all episodes (see `VecEnv.agentSteps`).
    var agentSteps = 0
    /// Actions sent for illegal or out-of-range options, ignored as no-ops.
    var illegalActions = 0
    /// Whether the episode has ended and the next one starts at the world's next step
    /// (`AutoReset.nextStep`).
    var awaitingReset = false
    /// The episode's tasks, when the environment has a curriculum.
    let tasks: TaskAssignment?

    init(config: Config, maps: [GameMap], environmentSeed: UInt64, layout: ObservationLayout, actions: ActionLayout, curriculum: Curriculum?) {
        self.environmentSeed = environmentSeed
        let seed = Self.episodeSeed(environment: environmentSeed, episode: 0)
        let world = World(config: config, map: Self.chooseMap(maps, seed: seed), seed: seed)
        self.world = world
        tasks = curriculum.map { TaskAssignment(curriculum: $0, world: world) }
        writer = ObservationWriter(config: config, layout: layout, actions: actions)
        rowSlots = FixedArray(repeating: -1, count: config.players.count * config.observation.entities)
    }

    deinit {
        rowSlots.deallocate()
    }

    /// Starts the next episode on a map drawn with the episode's seed.
    func startNextEpisode(maps: [GameMap]) {
        awaitingReset = false
        finishedEpisodes += 1
        finishedTicks += world.tick
        episode += 1
        let seed = Self.episodeSeed(environment: environmentSeed, episode: episode)
        world.reset(map: Self.chooseMap(maps, seed: seed), seed: seed)
        tasks?.assign(for: world)
    }

    /// Abandons the episode in progress (it is neither counted nor scored) and starts one on `map`
    /// played with `seed`, with freshly dealt tasks.
    func restart(map: GameMap, seed: UInt64) {
        awaitingReset = false
        world.reset(map: map, seed: seed)
        tasks?.deal(for: world)
    }

    /// Starts over as a slot made with `environmentSeed` would: its first episode, on the map that
    /// episode's seed draws, with freshly dealt tasks. Finished-episode and step counters keep
    /// counting.
    func reseed(_ environmentSeed: UInt64, maps: [GameMap]) {
        self.environmentSeed = environmentSeed
        episode = 0
        awaitingReset = false
        let seed = Self.episodeSeed(environment: environmentSeed, episode: 0)
        world.reset(map: Self.chooseMap(maps, seed: seed), seed: seed)
        tasks?.deal(for: world)
    }

    /// Seed of episode `episode` of the environment seeded `environment`.
    static func episodeSeed(environment: UInt64, episode: Int) -> UInt64 {
        SplitMix64.mix(environment ^ SplitMix64.mix(UInt64(episode) &+ 0x5EED))
    }

    private static func chooseMap(_ maps: [GameMap], seed: UInt64) -> GameMap {
        var rng = Rng(seed: seed, stream: .mapChoice)
        return maps[rng.below(maps.count)]
    }
}
