/// One environment's complete state and its tick.
///
/// A `World` owns its tiles, entities, inventories, random streams and event log; it knows
/// nothing of observations, rewards or rendering. Callers write each player's intents (`intents`)
/// and call `step()`. A tick runs the systems in this fixed order, Neural MMO 2.1.2's (`Realm.step`):
/// NPC decisions, the players' update, the NPCs' update, the actions in the reference's priority
/// order (Use 10, Buy 20, Give/GiveGold 30, Destroy 40, Attack 50, Move 60, Sell 70, Comm 99), the
/// removal of the dead, then the world's own update:
///
/// 1. `NPCBehaviour`: every living NPC picks its move and attack (players' intents come from outside).
/// 2. The players' update, per living player: `DeathFog` damage, when enabled; `Vitals.players`
///    (regeneration, then starvation and dehydration damage, then decay); `Foraging` (eat Foilage
///    underfoot, EAT_FOOD; drink next to Water, DRINK_WATER); `Harvesting` (HARVEST_ITEM,
///    LEVEL_UP). Each runs over all players before the next; no step reads what another player's
///    later step writes, so this equals the reference's player-by-player loop.
/// 3. `Vitals.npcs`: NPCs regenerate.
/// 4. `ItemUse`: equip, unequip or consume (EQUIP_ITEM, CONSUME_ITEM).
/// 5. `Market.buy`: purchases, buyers in a seeded random order (BUY_ITEM, EARN_GOLD).
/// 6. `Giving`: items, then gold, to players within reach (GIVE_ITEM, GIVE_GOLD).
/// 7. `ItemUse.destroy`: DESTROY_ITEM.
/// 8. `Combat`: attacks in slot order, players then NPCs (SCORE_HIT, FIRE_AMMO, LEVEL_UP).
/// 9. `Movement`: players then NPCs take their moves (GO_FARTHEST).
/// 10. `Market.list`: new listings (LIST_ITEM); `Comm`: tokens.
/// 11. `Deaths`: entities at 0 health die (DEATH, PLAYER_KILL, LOOT_ITEM, LOOT_GOLD).
/// 12. `ResourceRespawn`: every depleted tile grows back with its material's probability, so a
///     tile harvested in this tick can already be back at its end.
/// 13. `Market.expire`: listings past their last tick leave the market.
/// 14. `NPCSpawning`: empty NPC slots are refilled, a limited number of attempts per tick.
/// 15. The market board is rebuilt for observers and the next tick's buyers, if any listing changed.
///
/// Consequences (as measured on the reference): a hit is not offset by the same tick's
/// regeneration; a Ration's restore is not decayed in the tick it is eaten; a player whom
/// starvation brings to 0 health still eats, drinks and harvests in that tick, and dies at its end.
///
/// The tick counter starts at 0 after `reset` and is incremented at the start of `step()`, so
/// everything a tick produces (events, deaths, spawns) carries the tick's number: the number the
/// reference's counter shows once the tick is over (it advances it after removing the dead, before
/// the map, fog and market update), which is how the measured anchors count (an idle default
/// player dies at tick 25). The fog front is a function of that number (`DeathFog`), so its
/// advance needs no step of its own.
public final class World {
    public let config: Config
    /// Side of the map.
    public let size: Int
    public let tiles: TileState
    public let entities: EntityTable
    /// Every player's items.
    public let inventory: Inventory
    /// The market's listings by entry, as of the end of the last tick.
    public let market: MarketBoard
    /// What every entity means to do in the next tick; cleared after each tick.
    public let intents: Intents
    /// Each player's move for the next tick (`Direction` raw values), part of `intents`.
    public var moves: FixedArray<UInt8> { intents.move }
    /// This tick's events.
    public internal(set) var events: EventLog {
        get { eventsCell.value }
        _modify { yield &eventsCell.pointer.pointee }
    }
    /// Storage of `events`, appended to by the systems many times a tick: modified through the
    /// cell's pointer, with no exclusivity check.
    let eventsCell: UnmanagedCell<EventLog>
    /// Ticks played in this episode.
    @inlinable public internal(set) var tick: Int {
        get { tickCell.value }
        set { tickCell.value = newValue }
    }
    /// Living players right now.
    @inlinable public internal(set) var livingPlayers: Int {
        get { livingPlayersCell.value }
        set { livingPlayersCell.value = newValue }
    }
    /// Storage of `tick` and `livingPlayers`, read for every agent every tick: cells held by `let`
    /// need no exclusivity checks.
    @usableFromInline let tickCell = UnmanagedCell(0)
    @usableFromInline let livingPlayersCell = UnmanagedCell(0)
    /// The map of the current episode.
    public private(set) var map: GameMap
    /// The seed of the current episode.
    public private(set) var seed: UInt64 = 0

    let spawnScratch: SpawnScratch
    var respawnRng = Rng(seed: 0)
    var spawningRng = Rng(seed: 0)
    var combatRng = Rng(seed: 0)
    var npcRng = Rng(seed: 0)
    var marketRng = Rng(seed: 0)
    var dropRng = Rng(seed: 0)
    var harvestRng = Rng(seed: 0)
    /// Gold that entered the players' hands (spawn gold, NPC loot) and left them (deaths not by a
    /// player), this episode: the soak test checks that gold is conserved otherwise.
    public internal(set) var goldCreated = 0
    public internal(set) var goldDestroyed = 0
    /// Working space of the systems, allocated once.
    let scratch: WorldScratch

    /// Creates a world for `config` and plays the first episode on `map` with `seed`.
    public init(config: Config, map: GameMap, seed: UInt64) {
        precondition(map.size == config.map.size, "map size \(map.size) does not match map.size \(config.map.size)")
        self.config = config
        self.size = config.map.size
        self.map = map
        tiles = TileState(size: size, playable: config.map.playableMin...config.map.playableMax)
        entities = EntityTable(playerCount: config.players.count, npcCount: config.npcs.count)
        inventory = Inventory(players: config.players.count, slots: config.items.inventorySize)
        market = MarketBoard(inventoryRows: config.players.count * config.items.inventorySize)
        intents = Intents(players: config.players.count, capacity: config.players.count + config.npcs.count)
        spawnScratch = SpawnScratch(config: config)
        scratch = WorldScratch(config: config)
        eventsCell = UnmanagedCell(EventLog(capacity: 8 * (config.players.count + config.npcs.count)))
        reset(map: map, seed: seed)
    }

    deinit {
        tickCell.deallocate()
        livingPlayersCell.deallocate()
        eventsCell.deallocate()
    }

    /// Starts a new episode on `map` with `seed`: tiles from the map, players spawned, tick 0.
    /// The spawn events are in `events` until the first `step()`.
    public func reset(map: GameMap, seed: UInt64) {
        precondition(map.size == size, "map size \(map.size) does not match map.size \(size)")
        self.map = map
        self.seed = seed
        respawnRng = Rng(seed: seed, stream: .respawn)
        spawningRng = Rng(seed: seed, stream: .spawning)
        combatRng = Rng(seed: seed, stream: .combat)
        npcRng = Rng(seed: seed, stream: .npcs)
        marketRng = Rng(seed: seed, stream: .market)
        dropRng = Rng(seed: seed, stream: .drops)
        harvestRng = Rng(seed: seed, stream: .harvest)
        tick = 0
        goldCreated = 0
        goldDestroyed = 0
        events.clear()
        tiles.load(map)
        entities.clear()
        inventory.clear()
        intents.clear()
        market.rebuild(from: inventory)
        Spawning.spawnPlayers(in: self)
        NPCSpawning.run(in: self)
    }

    /// Whether the episode is over: the horizon is reached or no player is left.
    public var isOver: Bool { tick >= config.episode.horizon || livingPlayers == 0 }

    /// Advances the world by one tick (see the type's documentation for the order).
    public func step() {
        tick += 1
        events.clear()
        entities.damageTaken.fill(0)
        NPCBehaviour.run(in: self)
        DeathFog.run(in: self)
        Vitals.players(in: self)
        Foraging.run(in: self)
        Harvesting.run(in: self)
        Vitals.npcs(in: self)
        ItemUse.use(in: self)
        Market.buy(in: self)
        Giving.run(in: self)
        ItemUse.destroy(in: self)
        Combat.run(in: self)
        Movement.run(in: self)
        Market.list(in: self)
        Comm.run(in: self)
        Deaths.run(in: self)
        ResourceRespawn.run(in: self)
        Market.expire(in: self)
        NPCSpawning.run(in: self)
        if inventory.listingsChanged {
            market.rebuild(from: inventory)
            inventory.listingsChanged = false
        }
        intents.clear()
    }

    /// Moves an entity to a tile directly, keeping the tile occupancy lists right: for tests and
    /// scenario tools that set up positions (the rules move entities only through `Movement`).
    public func relocate(_ slot: Int, row: Int, col: Int) {
        if entities.alive[slot] != 0 {
            tiles.removeOccupant(slot, at: tiles.index(row: Int(entities.row[slot]), col: Int(entities.col[slot])), links: entities.nextOnTile)
        }
        entities.row[slot] = Int32(row)
        entities.col[slot] = Int32(col)
        if entities.alive[slot] != 0 {
            tiles.addOccupant(slot, at: tiles.index(row: row, col: col), links: entities.nextOnTile)
        }
    }

    /// Whether a slot is in combat status (attacked or was hit within the last
    /// `combat.combatStatusTicks` ticks), which blocks Use, Give, GiveGold, Destroy, Sell and Buy.
    @inlinable @inline(__always)
    public func inCombat(_ slot: Int) -> Bool {
        tick - Int(entities.lastCombatTick[slot]) < config.combat.combatStatusTicks
    }

    /// L-inf distance between two entity slots.
    @inlinable @inline(__always)
    public func distance(_ first: Int, _ second: Int) -> Int {
        max(abs(Int(entities.row[first]) - Int(entities.row[second])), abs(Int(entities.col[first]) - Int(entities.col[second])))
    }

    /// Whether `attacker` may attack `target` now: both alive with health left, distinct, within reach, and not a
    /// player attacking a player still under spawn immunity; NPCs attack only players.
    public func canAttack(_ attacker: Int, _ target: Int) -> Bool {
        guard attacker != target, entities.alive[attacker] != 0, entities.alive[target] != 0 else { return false }
        // Brought to 0 health earlier in this tick: dying, it neither strikes nor can be struck (as in the reference).
        guard entities.health[attacker] > 0, entities.health[target] > 0 else { return false }
        guard distance(attacker, target) <= config.combat.reach else { return false }
        if entities.isNPC(attacker) { return !entities.isNPC(target) }
        if !entities.isNPC(target) && tick - Int(entities.spawnTick[target]) < config.combat.spawnImmunity { return false }
        return config.combat.enabled
    }

    /// Records an event stamped with the current tick.
    @inline(__always)
    func record(_ kind: EventKind, slot: Int, type: Int16 = 0, level: Int16 = 0, number: Int32 = 0, gold: Int32 = 0, target: Int32 = -1) {
        events.record(Event(tick: Int32(tick), kind: kind, entity: Int32(slot), type: type, level: level, number: number, gold: gold, target: target))
    }
}
