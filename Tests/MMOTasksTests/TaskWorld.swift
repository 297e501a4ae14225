import Testing
@testable import MMOCore
@testable import MMOTasks

/// A small hand-made world with its progress counters, for predicate tests: `Config.small` with
/// no food or water decay, no regeneration, no spawn immunity and no NPCs unless placed by hand;
/// the playable square is rows and columns 16...48 of Grass (middle 32) with chosen tiles changed.
final class TaskWorld {
    let world: World
    let counters: ProgressCounters

    /// `players` players (in `teams` teams when > 0) at `positions`, which also become their spawn
    /// tiles; the counters watch the tiles of `watching` from the start.
    init(players: Int = 2, teams: Int = 0, npcs: Int = 0, overrides: [(row: Int, col: Int, material: Material)] = [],
         positions: [(Int, Int)] = [], watching: [TaskPredicate] = [], seed: UInt64 = 1) {
        var config = Config.small
        config.players.count = players
        config.players.teams = teams
        config.npcs.count = npcs
        config.npcs.spawnAttemptsPerTick = 0
        config.vitals.foodDecay = 0
        config.vitals.waterDecay = 0
        config.vitals.regen = 0
        config.combat.spawnImmunity = 0
        world = World(config: config, map: HandMadeMap.make(config: config, overrides: overrides), seed: seed)
        counters = ProgressCounters(config: config)
        for predicate in watching { counters.watch(predicate) }
        for (slot, position) in positions.enumerated() {
            place(slot, position.0, position.1)
            world.entities.spawnRow[slot] = Int32(position.0)
            world.entities.spawnCol[slot] = Int32(position.1)
        }
        counters.update(from: world)
    }

    /// Progress of `predicate` for `subject`, which every predicate keeps within [0, 1].
    func progress(_ predicate: TaskPredicate, _ subject: Subject) -> Float {
        let value = PredicateEvaluator.progress(of: predicate, for: subject, in: world, counters: counters)
        #expect((0...1).contains(value), "progress of \(predicate) is \(value), outside 0...1")
        return value
    }

    /// Steps the world `ticks` times, updating the counters after each tick.
    func step(_ ticks: Int = 1) {
        for _ in 0..<ticks {
            world.step()
            counters.update(from: world)
        }
    }

    /// A tick whose only events are `events` (each stamped with it), counted by the counters.
    func inject(_ events: [Event]) {
        world.tick += 1
        world.events.clear()
        for var event in events {
            event.tick = Int32(world.tick)
            world.events.record(event)
        }
        counters.update(from: world)
    }

    /// Moves an entity to a tile, keeping the occupancy lists right.
    func place(_ slot: Int, _ row: Int, _ col: Int) {
        world.relocate(slot, row: row, col: col)
    }

    /// Kills players (health 0, then one tick so that `Deaths` removes them).
    func kill(_ slots: Int...) {
        for slot in slots { world.entities.health[slot] = 0 }
        step()
    }

    /// Sets a skill to the first XP of `level`.
    func setLevel(_ slot: Int, _ skill: Skill, _ level: Int) {
        world.entities.experience[slot * Skill.count + skill.rawValue] = ProgressionRules.experienceThresholds[level - 1]
        world.entities.skillLevel[slot * Skill.count + skill.rawValue] = Int32(level)
    }

    /// Adds an item to a player's inventory (equipped, bypassing the level rule, if asked); returns its row.
    @discardableResult
    func give(_ kind: ItemKind, level: Int32 = 1, quantity: Int32 = 1, to player: Int, equip: Bool = false) -> Int {
        let slot = world.inventory.add(kind, level: level, quantity: quantity, to: player)!
        let row = world.inventory.row(player, slot)
        if equip { world.inventory.equip(at: row) }
        return row
    }

    /// Puts an NPC of `level` with `health` into the first free NPC slot; returns the slot.
    @discardableResult
    func spawnNPC(level: Int32, row: Int, col: Int, health: Int32) -> Int {
        let entities = world.entities
        let slot = (entities.playerCount..<entities.capacity).first { entities.alive[$0] == 0 }!
        entities.kind[slot] = .passiveNPC
        entities.alive[slot] = 1
        entities.row[slot] = Int32(row)
        entities.col[slot] = Int32(col)
        entities.spawnRow[slot] = Int32(row)
        entities.spawnCol[slot] = Int32(col)
        entities.deathTick[slot] = -1
        entities.health[slot] = health
        entities.level[slot] = level
        entities.gold[slot] = level
        entities.npcTarget[slot] = -1
        world.tiles.addOccupant(slot, at: world.tiles.index(row: row, col: col), links: entities.nextOnTile)
        return slot
    }

    /// Sets up an attack for the next step.
    func attack(_ attacker: Int, _ target: Int, _ style: CombatStyle) {
        world.intents.attackTarget[attacker] = Int32(target)
        world.intents.attackStyle[attacker] = UInt8(style.rawValue)
    }

    /// An event of `kind` by player `slot` (the tick is set by `inject`).
    static func event(_ kind: EventKind, _ slot: Int, type: Int16 = 0, level: Int16 = 0, number: Int32 = 0, gold: Int32 = 0, target: Int32 = -1) -> Event {
        Event(tick: 0, kind: kind, entity: Int32(slot), type: type, level: level, number: number, gold: gold, target: target)
    }
}

/// Whether two progress values agree to within 1e-5.
func close(_ first: Float, _ second: Float) -> Bool { abs(first - second) < 1e-5 }
