/// Every rule number of a GridMMO world in one value.
///
/// The `default` preset reproduces the Neural MMO 2.1 "Medium" numbers (see GAME_REFERENCE.md);
/// `small` is a 64x64 world for tests and quick runs. A JSON file can start from a preset and
/// override any key (`ConfigFile`); every key, its meaning and its allowed range are listed in
/// `Config.parameters`, which is also what validation and `gridmmo config show` use.
public struct Config: Sendable, Equatable {
    /// Map size and terrain generation.
    public var map = MapRules()
    /// Resource placement and respawn.
    public var resources = ResourceRules()
    /// Players, teams and spawning.
    public var players = PlayerRules()
    /// Health, food and water.
    public var vitals = VitalRules()
    /// Episode length.
    public var episode = EpisodeRules()
    /// Non-player characters (slots reserved; the NPC system arrives with the full game).
    public var npcs = NPCRules()
    /// The shrinking death fog (off by default).
    public var deathFog = DeathFogRules()
    /// What an agent sees.
    public var observation = ObservationRules()
    /// Attacks, damage and combat status.
    public var combat = CombatRules()
    /// Skill levels and experience.
    public var progression = ProgressionRules()
    /// Item stats, inventory and giving.
    public var items = ItemRules()
    /// Gold and the market.
    public var exchange = ExchangeRules()
    /// Team communication tokens.
    public var comm = CommRules()

    public init() {}

    /// The Neural MMO 2.1 Medium numbers: 160x160 map, 128 players, horizon 1024.
    public static let `default` = Config()

    /// A 64x64 world (playable 33x33) with 64 players and horizon 128, the reference Small size;
    /// resource counts are scaled to the smaller playable area.
    public static let small: Config = {
        var config = Config()
        config.map.size = 64
        config.map.center = 32
        config.map.octaves = 4
        config.players.count = 64
        config.episode.horizon = 128
        config.resources = config.resources.scaled(fromPlayableSide: 129, toPlayableSide: 33)
        config.npcs.count = 32
        return config
    }()

    /// The NeurIPS 2023 competition ruleset: the Neural MMO 2.0 numbers where they differ from 2.1
    /// (damage formula, hit XP 3, item stats, 5-tick listings), communication off.
    public static let competition2023: Config = {
        var config = Config()
        config.combat.damageFormula = 20
        config.progression.hitExperience = 3
        config.items.armourDefensePerLevel = 10
        config.items.weaponAttackBase = 15
        config.items.weaponAttackPerLevel = 15
        config.items.toolDefense = 30
        config.items.ammunitionAttackBase = 15
        config.items.ammunitionAttackPerLevel = 15
        config.exchange.listingTicks = 5
        config.npcs.offensePerLevel = 15
        config.npcs.offenseBase = 15
        config.comm.enabled = false
        return config
    }()

    /// 1,024 players on a 512x512 map (playable 481x481), PufferLib nmmo3's scale: the default rules
    /// with 1,024 NPC slots and resource counts scaled to the larger playable area (x 13.9).
    /// Not a reference preset: the benchmarks' large workload.
    public static let large: Config = {
        var config = Config()
        config.map.size = 512
        config.map.center = 480
        config.map.octaves = 60
        config.players.count = 1024
        config.npcs.count = 1024
        config.resources = config.resources.scaled(fromPlayableSide: 129, toPlayableSide: 481)
        return config
    }()

    /// The presets by name, as accepted by files and the CLI.
    public static let presets: [(name: String, config: Config)] = [
        ("default", .default), ("small", .small), ("competition2023", .competition2023), ("large", .large),
    ]

    /// The preset with this name, or `nil`.
    public static func preset(named name: String) -> Config? {
        presets.first { $0.name == name }?.config
    }
}

/// Map geometry and terrain-generation numbers (`nmmo/core/terrain.py`).
public struct MapRules: Sendable, Equatable {
    /// Side of the square map in tiles (reference `MAP_SIZE` 160).
    public var size = 160
    /// Side of the playable square minus one (reference `MAP_CENTER` 128): playable tiles are those
    /// within L-inf distance `center / 2` of the middle tile; everything else is Void.
    public var center = 128
    /// Octaves of simplex noise in the terrain fractal (reference: `center / 8`).
    public var octaves = 16
    /// Fractal values at or below this become Water.
    public var waterThreshold = 0.30
    /// Fractal values at or below this (and above water) become Grass.
    public var grassThreshold = 0.70
    /// Fractal values at or below this (and above grass) become Foilage; above it, Stone.
    public var foilageThreshold = 0.85

    public init() {}

    /// Half-side of the playable square: tiles within this L-inf distance of the middle are playable.
    public var playableRadius: Int { center / 2 }
    /// Row and column of the map's middle tile.
    public var middle: Int { size / 2 }
    /// First playable row and column.
    public var playableMin: Int { middle - playableRadius }
    /// Last playable row and column.
    public var playableMax: Int { middle + playableRadius }
}

/// Resource placement counts and per-tick respawn probabilities of depleted tiles.
public struct ResourceRules: Sendable, Equatable {
    public var oreClusters = 64
    public var treeClusters = 64
    public var crystalClusters = 64
    public var herbs = 256
    public var fish = 256
    /// Extra Water tiles scattered on Grass (2.1: (128 // 6)^2 = 441).
    public var extraWater = 441
    /// Extra Foilage tiles scattered on Grass (2.1: 441).
    public var extraFoilage = 441
    public var foilageRespawn = 0.025
    public var treeRespawn = 0.105
    public var oreRespawn = 0.10
    public var crystalRespawn = 0.10
    public var herbRespawn = 0.02
    public var fishRespawn = 0.02

    public init() {}

    /// These counts scaled by the ratio of two playable areas (sides in tiles), rounded: how the
    /// smaller and larger presets keep the default's resource density.
    public func scaled(fromPlayableSide from: Int, toPlayableSide to: Int) -> ResourceRules {
        let ratio = Double(to * to) / Double(from * from)
        func scale(_ count: Int) -> Int { Int((Double(count) * ratio).rounded()) }
        var scaled = self
        scaled.oreClusters = scale(oreClusters)
        scaled.treeClusters = scale(treeClusters)
        scaled.crystalClusters = scale(crystalClusters)
        scaled.herbs = scale(herbs)
        scaled.fish = scale(fish)
        scaled.extraWater = scale(extraWater)
        scaled.extraFoilage = scale(extraFoilage)
        return scaled
    }

    /// Per-tick probability that a depleted tile of this material grows back.
    public func respawnProbability(ofDepleted material: Material) -> Double {
        switch material {
        case .scrub: return foilageRespawn
        case .stump: return treeRespawn
        case .slag: return oreRespawn
        case .fragment: return crystalRespawn
        case .weeds: return herbRespawn
        case .ocean: return fishRespawn
        default: return 0
        }
    }
}

/// Players, teams and spawning.
public struct PlayerRules: Sendable, Equatable {
    /// Number of players per environment (reference `PLAYER_N` 128).
    public var count = 128
    /// Number of teams; 0 means no teams. Players are dealt to teams in id order, and a team spawns
    /// together on the perimeter ring.
    public var teams = 0
    /// Whether players never die (Neural MMO's `IMMORTAL`, done differently): every rule still runs
    /// and emits its events (hits, damage, starvation), but a player brought to 0 health is left on
    /// 1 instead of being removed, so the population stays whole. The steady-state speed workload.
    public var immortal = false

    public init() {}
}

/// Health, food and water (reference `PLAYER_BASE_HEALTH`, `RESOURCE_*`).
public struct VitalRules: Sendable, Equatable {
    public var maxHealth = 100
    public var maxFood = 100
    public var maxWater = 100
    public var foodDecay = 5
    public var waterDecay = 5
    /// Health lost per tick while food is 0.
    public var starvationDamage = 10
    /// Health lost per tick while water is 0.
    public var dehydrationDamage = 10
    /// Health regained per tick while food and water are both above `regenThreshold`.
    public var regen = 10
    public var regenThreshold = 50
    /// Food gained by standing on Foilage (the tile becomes Scrub).
    public var foodRestore = 100
    /// Water gained while 4-adjacent to Water.
    public var waterRestore = 100
    /// Fraction of players (chosen at spawn) that take reduced starvation damage.
    public var resilientFraction = 0.0
    /// Percentage of starvation and dehydration damage a resilient player takes.
    public var resilientDamagePercent = 50

    public init() {}
}

/// Episode length.
public struct EpisodeRules: Sendable, Equatable {
    /// Ticks per episode; agents are truncated at this tick (reference `HORIZON` 1024).
    public var horizon = 1024

    public init() {}
}

/// Non-player characters (`nmmo/entity/npc.py`, `npc_manager.py`).
public struct NPCRules: Sendable, Equatable {
    /// Entity slots for NPCs (reference `NPC_N` 128).
    public var count = 128
    /// Spawn attempts per tick while below `count` (each picks a random playable tile and gives up
    /// if it is impassable or occupied).
    public var spawnAttemptsPerTick = 25
    /// Danger (2 x distance from the playable edge / map.center, in 0...1) at or above which an NPC
    /// is Hostile, in percent.
    public var hostileDangerPercent = 80
    /// Danger at or above which an NPC is Neutral (below: Passive), in percent.
    public var neutralDangerPercent = 50
    /// Health of every NPC.
    public var maxHealth = 100
    /// Health an NPC regains per tick.
    public var regen = 1
    /// Offense and defense are int(perLevel x (level - U(0,1))) + base (2.1: 8 and 0; 2.0 offense 15 and 15).
    public var offensePerLevel = 8
    public var offenseBase = 0
    public var defensePerLevel = 8
    /// L-inf distance within which a Hostile NPC looks for a target and a Neutral one pursues its attacker.
    public var sightRange = 7

    public init() {}
}

/// The death fog: from `onset`, fog advances from the edge of the playable square towards the
/// centre at `speed` tiles per tick, never entering the safe square of `safeRadius` around the
/// middle. A tile's fog strength is how many tiles deep the fog front has passed it; a player on a
/// fogged tile loses `damage` times the strength (rounded up) in health each tick.
public struct DeathFogRules: Sendable, Equatable {
    public var enabled = false
    public var onset = 256
    public var speed = 1.0
    public var safeRadius = 8
    public var damage = 1.0

    public init() {}
}

/// What an agent observes.
public struct ObservationRules: Sendable, Equatable {
    /// Vision radius: the tile window is (2r+1) x (2r+1) (reference 7, a 15x15 window).
    public var visionRadius = 7
    /// Entity rows per agent: the nearest visible entities (L-inf, then scan order).
    public var entities = 16

    public init() {}
}
