import Testing
@testable import MMOCore

/// Helpers for the rule tests: small hand-made worlds where players never starve, have no spawn
/// immunity and meet no NPC unless a test places one, and ways to arrange entities, items, skills
/// and gold by hand.
enum RuleWorld {
    /// The middle tile of the small map (the playable square is rows and columns 16...48).
    static let middle = 32

    /// `Config.small` with `players` players, `npcs` NPC slots (never filled automatically), no
    /// food or water decay, no health regeneration and no spawn immunity; `competition` applies the 2023 (Neural MMO 2.0)
    /// rule numbers of `Config.competition2023` on the small map.
    static func config(players: Int = 2, npcs: Int = 0, competition: Bool = false) -> Config {
        var config = Config.small
        if competition {
            let rules = Config.competition2023
            config.combat = rules.combat
            config.progression = rules.progression
            config.items = rules.items
            config.exchange = rules.exchange
            config.comm = rules.comm
            config.npcs.offensePerLevel = rules.npcs.offensePerLevel
            config.npcs.offenseBase = rules.npcs.offenseBase
        }
        config.players.count = players
        config.npcs.count = npcs
        config.npcs.spawnAttemptsPerTick = 0
        config.vitals.foodDecay = 0
        config.vitals.waterDecay = 0
        config.vitals.regen = 0
        config.combat.spawnImmunity = 0
        return config
    }

    /// A world on a Grass map with `overrides`; player `i` is then moved to `positions[i]`.
    static func make(_ config: Config, overrides: [(row: Int, col: Int, material: Material)] = [], positions: [(Int, Int)] = [], seed: UInt64 = 1) -> World {
        let world = World(config: config, map: HandMadeMap.make(config: config, overrides: overrides), seed: seed)
        for (slot, position) in positions.enumerated() { place(world, slot, position.0, position.1) }
        return world
    }

    /// Moves an entity to a tile, keeping the occupancy lists right.
    static func place(_ world: World, _ slot: Int, _ row: Int, _ col: Int) {
        world.relocate(slot, row: row, col: col)
    }

    /// Sets a skill to the first XP of `level`.
    static func setLevel(_ world: World, _ slot: Int, _ skill: Skill, _ level: Int) {
        world.entities.experience[slot * Skill.count + skill.rawValue] = ProgressionRules.experienceThresholds[level - 1]
        world.entities.skillLevel[slot * Skill.count + skill.rawValue] = Int32(level)
    }

    /// Sets a skill's XP (and the matching level).
    static func setExperience(_ world: World, _ slot: Int, _ skill: Skill, _ experience: Int32) {
        world.entities.experience[slot * Skill.count + skill.rawValue] = experience
        world.entities.skillLevel[slot * Skill.count + skill.rawValue] = world.config.progression.level(forExperience: experience)
    }

    /// Sets a player's gold, booking the difference as created so gold stays conserved.
    static func setGold(_ world: World, _ slot: Int, _ gold: Int32) {
        world.goldCreated += Int(gold - world.entities.gold[slot])
        world.entities.gold[slot] = gold
    }

    /// Adds an item to a player's inventory (equipping it, bypassing the level rule, if asked);
    /// returns its inventory row.
    @discardableResult
    static func give(_ world: World, _ kind: ItemKind, level: Int32 = 1, quantity: Int32 = 1, to player: Int, equip: Bool = false) -> Int {
        let slot = world.inventory.add(kind, level: level, quantity: quantity, to: player)!
        let row = world.inventory.row(player, slot)
        if equip { world.inventory.equip(at: row) }
        return row
    }

    /// Fills every free inventory slot of `player` with level-1 Hats.
    static func fillInventory(_ world: World, of player: Int) {
        while world.inventory.freeSlots(of: player) > 0 { give(world, .hat, to: player) }
    }

    /// Puts an NPC into the first free NPC slot; returns the slot.
    @discardableResult
    static func spawnNPC(_ world: World, kind: EntityKind, level: Int32 = 1, row: Int, col: Int, offense: Int32 = 0, defense: Int32 = 0,
                         style: CombatStyle = .melee, health: Int32? = nil) -> Int {
        let entities = world.entities
        let slot = (entities.playerCount..<entities.capacity).first { entities.alive[$0] == 0 }!
        entities.kind[slot] = kind
        entities.alive[slot] = 1
        entities.row[slot] = Int32(row)
        entities.col[slot] = Int32(col)
        entities.spawnRow[slot] = Int32(row)
        entities.spawnCol[slot] = Int32(col)
        entities.spawnTick[slot] = Int32(world.tick)
        entities.deathTick[slot] = -1
        entities.health[slot] = health ?? Int32(world.config.npcs.maxHealth)
        entities.level[slot] = level
        entities.npcOffense[slot] = offense
        entities.npcDefense[slot] = defense
        entities.npcStyle[slot] = Int32(style.rawValue)
        entities.npcTarget[slot] = -1
        entities.gold[slot] = level
        entities.lastAttacker[slot] = -1
        entities.lastCombatTick[slot] = -32768
        world.tiles.addOccupant(slot, at: world.tiles.index(row: row, col: col), links: entities.nextOnTile)
        return slot
    }

    /// Sets up an attack for the next step.
    static func attack(_ world: World, _ attacker: Int, _ target: Int, _ style: CombatStyle) {
        world.intents.attackTarget[attacker] = Int32(target)
        world.intents.attackStyle[attacker] = UInt8(style.rawValue)
    }

    /// This tick's events of a kind.
    static func events(_ world: World, _ kind: EventKind) -> [Event] {
        world.events.events.filter { $0.kind == kind }
    }

    /// The number of occupied inventory slots of a player.
    static func itemCount(_ world: World, _ player: Int) -> Int {
        world.inventory.slots - world.inventory.freeSlots(of: player)
    }

    /// Rows of `player` holding `kind`.
    static func rows(_ world: World, _ player: Int, _ kind: ItemKind) -> [Int] {
        (0..<world.inventory.slots).map { world.inventory.row(player, $0) }.filter { world.inventory.kind[$0] == kind.rawValue }
    }

    /// The market entry of a kind and level.
    static func entry(_ kind: ItemKind, _ level: Int32 = 1) -> Int32 {
        Int32(MarketBoard.entry(kind: kind, level: level))
    }

    /// Expects the world's invariants to hold.
    static func expectConsistent(_ world: World, sourceLocation: SourceLocation = #_sourceLocation) {
        let violations = WorldInvariants.violations(in: world)
        #expect(violations.isEmpty, "\(violations)", sourceLocation: sourceLocation)
    }
}
