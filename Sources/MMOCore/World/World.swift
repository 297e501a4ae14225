/// One environment's complete state and its tick.
///
/// A `World` owns its tiles, entities, random streams and event log; it knows nothing of
/// observations, rewards or rendering. Callers write each player's intent (`moves`) and call
/// `step()`. A tick runs the systems in this fixed order:
///
/// 1. `Movement`: each living player, in slot order, takes its move if the target is passable;
///    reaching a new farthest distance from spawn logs GO_FARTHEST.
/// 2. `ResourceRespawn`: every depleted tile grows back with its material's probability.
/// 3. `Vitals`: per living player, regeneration (food and water above the threshold), then
///    starvation and dehydration damage (food or water at 0), then food and water decay.
/// 4. `Foraging`: a player on Foilage eats it (EAT_FOOD, tile becomes Scrub); a player next to
///    Water drinks (DRINK_WATER).
/// 5. `DeathFog`: fog damage, when enabled.
/// 6. `Deaths`: players at 0 health die (DEATH event), leave their tile and stay flagged dead.
///
/// The tick counter starts at 0 after `reset` and is incremented at the start of `step()`, so
/// events and deaths carry the number of the tick that produced them.
public final class World {
    public let config: Config
    /// Side of the map.
    public let size: Int
    public let tiles: TileState
    public let entities: EntityTable
    /// Each player's move for the next tick (`Direction` raw values); reset to `.stay` after a tick.
    public let moves: FixedArray<UInt8>
    /// This tick's events.
    public internal(set) var events: EventLog
    /// Ticks played in this episode.
    public internal(set) var tick = 0
    /// Living players right now.
    public internal(set) var livingPlayers = 0
    /// The map of the current episode.
    public private(set) var map: GameMap
    /// The seed of the current episode.
    public private(set) var seed: UInt64 = 0

    let spawnScratch: SpawnScratch
    var respawnRng = Rng(seed: 0)
    var spawningRng = Rng(seed: 0)

    /// Creates a world for `config` and plays the first episode on `map` with `seed`.
    public init(config: Config, map: GameMap, seed: UInt64) {
        precondition(map.size == config.map.size, "map size \(map.size) does not match map.size \(config.map.size)")
        self.config = config
        self.size = config.map.size
        self.map = map
        tiles = TileState(size: size, playable: config.map.playableMin...config.map.playableMax)
        entities = EntityTable(playerCount: config.players.count, npcCount: config.npcs.count)
        moves = FixedArray(repeating: Direction.stay.rawValue, count: config.players.count)
        spawnScratch = SpawnScratch(config: config)
        events = EventLog(capacity: 8 * (config.players.count + config.npcs.count))
        reset(map: map, seed: seed)
    }

    deinit {
        moves.deallocate()
    }

    /// Starts a new episode on `map` with `seed`: tiles from the map, players spawned, tick 0.
    /// The spawn events are in `events` until the first `step()`.
    public func reset(map: GameMap, seed: UInt64) {
        precondition(map.size == size, "map size \(map.size) does not match map.size \(size)")
        self.map = map
        self.seed = seed
        respawnRng = Rng(seed: seed, stream: .respawn)
        spawningRng = Rng(seed: seed, stream: .spawning)
        tick = 0
        events.clear()
        tiles.load(map)
        entities.clear()
        moves.fill(Direction.stay.rawValue)
        Spawning.spawnPlayers(in: self)
    }

    /// Whether the episode is over: the horizon is reached or no player is left.
    public var isOver: Bool { tick >= config.episode.horizon || livingPlayers == 0 }

    /// Advances the world by one tick (see the type's documentation for the order).
    public func step() {
        tick += 1
        events.clear()
        Movement.run(in: self)
        ResourceRespawn.run(in: self)
        Vitals.run(in: self)
        Foraging.run(in: self)
        DeathFog.run(in: self)
        Deaths.run(in: self)
        moves.fill(Direction.stay.rawValue)
    }

    /// Records an event stamped with the current tick.
    @inline(__always)
    func record(_ kind: EventKind, slot: Int, type: Int16 = 0, level: Int16 = 0, number: Int32 = 0, target: Int32 = -1) {
        events.record(Event(tick: Int32(tick), kind: kind, entity: Int32(slot), type: type, level: level, number: number, target: target))
    }
}
