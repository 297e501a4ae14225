import MMOCore

/// Running per-player totals of what each player did this episode, which event-based predicates
/// read instead of scanning the history: events per kind; gold earned, looted and spent; items
/// harvested, consumed, listed, bought and fired per kind and level; kills per victim type and
/// level; hits per style; the farthest distance from spawn; and who controls each watched tile
/// (for the Seize predicates; `watch(_:)` the tasks' predicates before the episode starts).
///
/// Call `update(from:)` once after every `World.reset` and `World.step`: it reads that tick's
/// events in one pass, plus who stands on the watched tiles, and keeps no history.
/// Calling it again for the same tick changes nothing. `reset()` starts a new episode; a world
/// reset is also noticed by itself (its tick goes back to 0). Storage is allocated once.
public final class ProgressCounters {
    /// Player slots counted.
    public let players: Int
    /// Side of the map.
    public let mapSize: Int

    /// Events per kind and player: entry `kindIndex * players + slot` (`kindIndex` from `eventIndex`).
    let events: FixedArray<Int32>
    /// Gold from EARN_GOLD (sales) per player.
    let goldSold: FixedArray<Int32>
    /// Gold from LOOT_GOLD per player.
    let goldLooted: FixedArray<Int32>
    /// Gold paid in BUY_ITEM per player.
    let goldSpent: FixedArray<Int32>
    /// Item quantities per counter, kind, minimum level and player: entry
    /// `itemColumn(counter, kind.index, level) + slot` holds the quantity of items of that kind at
    /// that level or above. Players are innermost, so a predicate reads one column.
    let items: FixedArray<Int32>
    /// Kills per player, victim type and minimum level: entry `(slot * 2 + type) * (levels + 1) + level`
    /// holds the kills of victims at that level or above (levels 0...10).
    let kills: FixedArray<Int32>
    /// Hits per player and combat style: entry `slot * CombatStyle.count + style`.
    let hits: FixedArray<Int32>
    /// Largest GO_FARTHEST distance per player.
    let farthest: FixedArray<Int32>
    /// The map's geometry (for the tiles of SeizeCenter and SeizeQuadCenter).
    public let mapRules: MapRules
    /// Tile indices whose control is tracked, `watchedCount` of them, in the order first watched.
    let watched: FixedArray<Int32>
    /// 1 for a watched tile, by tile index.
    let isWatched: FixedArray<UInt8>
    /// Number of watched tiles.
    public private(set) var watchedCount = 0
    /// Per tile: the side controlling it (a team index + `players`, or a player slot without a
    /// team), or -1.
    let controller: FixedArray<Int32>
    /// Per tile: the tick its current controller took it.
    let controlledSince: FixedArray<Int32>
    /// Dense index of each `EventKind` raw value (-1 for unused codes), by raw value.
    let eventIndex: FixedArray<Int32>
    /// Tick of the last update, or -1.
    public private(set) var lastTick = -1

    /// Number of event kinds (a stored constant: `EventKind.allCases` builds an array at every use,
    /// and a computed static would be checked for initialisation at every read).
    let eventKinds = EventKind.allCases.count
    /// Item levels counted (1...levels; higher levels count as the highest).
    static let levels = 10

    /// Counters for the players and map of `config`.
    public init(config: Config) {
        players = config.players.count
        mapSize = config.map.size
        mapRules = config.map
        watched = FixedArray(repeating: 0, count: mapSize * mapSize)
        isWatched = FixedArray(repeating: 0, count: mapSize * mapSize)
        events = FixedArray(repeating: 0, count: players * eventKinds)
        goldSold = FixedArray(repeating: 0, count: players)
        goldLooted = FixedArray(repeating: 0, count: players)
        goldSpent = FixedArray(repeating: 0, count: players)
        items = FixedArray(repeating: 0, count: ItemCounter.allCases.count * players * ItemKind.count * Self.levels)
        kills = FixedArray(repeating: 0, count: players * 2 * (Self.levels + 1))
        hits = FixedArray(repeating: 0, count: players * CombatStyle.count)
        farthest = FixedArray(repeating: 0, count: players)
        controller = FixedArray(repeating: -1, count: mapSize * mapSize)
        controlledSince = FixedArray(repeating: 0, count: mapSize * mapSize)
        eventIndex = FixedArray(repeating: -1, count: 256)
        for (index, kind) in EventKind.allCases.enumerated() { eventIndex[Int(kind.rawValue)] = Int32(index) }
    }

    deinit {
        events.deallocate()
        goldSold.deallocate()
        goldLooted.deallocate()
        goldSpent.deallocate()
        items.deallocate()
        kills.deallocate()
        hits.deallocate()
        farthest.deallocate()
        controller.deallocate()
        controlledSince.deallocate()
        watched.deallocate()
        isWatched.deallocate()
        eventIndex.deallocate()
    }

    /// Tracks control of the tiles that `predicate`'s Seize predicates (at any depth) name, from the
    /// next update on; tiles off the map are ignored. Watched tiles stay watched across resets.
    public func watch(_ predicate: TaskPredicate) {
        switch predicate {
        case let .seizeTile(row, col, _, _, _): watchTile(row: row, col: col)
        case .seizeCenter: watchTile(row: mapRules.middle, col: mapRules.middle)
        case let .seizeQuadCenter(_, quadrant, _):
            let centre = quadrant.centre(in: mapRules)
            watchTile(row: centre.row, col: centre.col)
        default:
            for operand in Combinator.split(predicate)?.operands ?? [] { watch(operand) }
        }
    }

    /// Forgets everything but the watched tiles: a new episode.
    public func reset() {
        events.fill(0)
        goldSold.fill(0)
        goldLooted.fill(0)
        goldSpent.fill(0)
        items.fill(0)
        kills.fill(0)
        hits.fill(0)
        farthest.fill(0)
        controller.fill(-1)
        controlledSince.fill(0)
        lastTick = -1
    }

    /// Adds the current tick's events of `world` and updates tile control; resets first when the
    /// world's tick went back (a new episode); does nothing when this tick was already counted.
    public func update(from world: World) {
        precondition(world.entities.playerCount == players && world.size == mapSize, "counters made for another configuration")
        if world.tick < lastTick { reset() }
        guard world.tick != lastTick else { return }
        lastTick = world.tick
        world.events.events.withUnsafeBufferPointer { events in
            for event in events { count(event) }
        }
        updateControl(world)
    }

    /// Number of `kind` events of player `slot` this episode.
    public func count(of kind: EventKind, slot: Int) -> Int {
        events(denseKind: Int(eventIndex[Int(kind.rawValue)]), slot: slot)
    }

    /// Quantity of items of `kind` at level `level` or above that player `slot` harvested, consumed,
    /// listed, bought or fired (`counter`) this episode.
    public func quantity(_ counter: ItemCounter, slot: Int, kind: ItemKind, atLeast level: Int) -> Int {
        Int(items[itemColumn(counter.rawValue, kind.index, Self.clampLevel(level)) + slot])
    }

    /// Gold player `slot` earned from sales (EARN_GOLD) and loot (LOOT_GOLD) this episode.
    public func goldEarned(slot: Int) -> Int { Int(goldSold[slot]) + Int(goldLooted[slot]) }

    /// Gold player `slot` paid for purchases (BUY_ITEM) this episode.
    public func goldPaid(slot: Int) -> Int { Int(goldSpent[slot]) }

    /// Kills by player `slot` of `type` victims at combat level `level` or above this episode.
    public func kills(slot: Int, type: AgentType, atLeast level: Int) -> Int {
        Int(kills[(slot * 2 + type.rawValue) * (Self.levels + 1) + min(max(level, 0), Self.levels)])
    }

    /// Hits scored by player `slot` in `style` this episode.
    public func hits(slot: Int, style: CombatStyle) -> Int { Int(hits[slot * CombatStyle.count + style.rawValue]) }

    /// The farthest L-inf distance from its spawn tile player `slot` reached this episode.
    public func farthestDistance(slot: Int) -> Int { Int(farthest[slot]) }

    /// The side controlling tile (`row`, `col`) and since which tick, or `nil` when nobody took it
    /// or the tile is not watched.
    /// A side is a team index + `players`, or a player slot when that player has no team.
    public func control(row: Int, col: Int) -> (side: Int, since: Int)? {
        guard row >= 0, col >= 0, row < mapSize, col < mapSize else { return nil }
        let index = row * mapSize + col
        return isWatched[index] != 0 && controller[index] >= 0 ? (Int(controller[index]), Int(controlledSince[index])) : nil
    }

    /// The side a player belongs to for tile control (see `control(row:col:)`): its team index +
    /// `players`, or its slot without a team.
    @inline(__always)
    static func side(slot: Int32, team: Int32, players: Int32) -> Int32 {
        team >= 0 ? team + players : slot
    }

    /// Number of events of dense kind index `denseKind` (an `EventKind`'s position in `allCases`)
    /// of player `slot`.
    @inline(__always)
    func events(denseKind: Int, slot: Int) -> Int { Int(events[denseKind * players + slot]) }

    /// Where the item counter's column for kind index `kindIndex` and minimum level `level`
    /// (1...levels) starts in `items`.
    @inline(__always)
    func itemColumn(_ counter: Int, _ kindIndex: Int, _ level: Int) -> Int {
        ((counter * ItemKind.count + kindIndex) * Self.levels + level - 1) * players
    }

    @inline(__always)
    static func clampLevel(_ level: Int) -> Int { min(max(level, 1), levels) }

    @inline(__always)
    private func count(_ event: Event) {
        let slot = Int(event.entity)
        guard slot >= 0, slot < players else { return }
        events[Int(eventIndex[Int(event.kind.rawValue)]) &* players &+ slot] &+= 1
        switch event.kind {
        case .goFarthest: farthest[slot] = max(farthest[slot], event.number)
        case .scoreHit:
            if event.type >= 0 && Int(event.type) < CombatStyle.count { hits[slot * CombatStyle.count + Int(event.type)] &+= 1 }
        case .playerKill:
            let type = event.type == Int16(EntityKind.player.rawValue) ? AgentType.player : AgentType.npc
            let base = (slot * 2 + type.rawValue) * (Self.levels + 1)
            for level in 0...min(max(Int(event.level), 0), Self.levels) { kills[base + level] &+= 1 }
        case .earnGold: goldSold[slot] &+= event.gold
        case .lootGold: goldLooted[slot] &+= event.gold
        case .buyItem:
            goldSpent[slot] &+= event.gold
            countItem(.bought, slot, event)
        case .harvestItem: countItem(.harvested, slot, event)
        case .consumeItem: countItem(.consumed, slot, event)
        case .listItem: countItem(.listed, slot, event)
        case .fireAmmo: countItem(.fired, slot, event)
        default: break
        }
    }

    private func countItem(_ counter: ItemCounter, _ slot: Int, _ event: Event) {
        let kindIndex = Int(event.type) - Int(ItemKind.firstID)
        guard kindIndex >= 0 && kindIndex < ItemKind.count else { return }
        let top = Self.clampLevel(Int(event.level))
        for level in 1...top { items[itemColumn(counter.rawValue, kindIndex, level) + slot] &+= event.number }
    }

    private func watchTile(row: Int, col: Int) {
        guard row >= 0, col >= 0, row < mapSize, col < mapSize, isWatched[row * mapSize + col] == 0 else { return }
        isWatched[row * mapSize + col] = 1
        watched[watchedCount] = Int32(row * mapSize + col)
        watchedCount += 1
    }

    /// A watched tile is taken by a side when living players of that side only stand on it; the
    /// side keeps it, after leaving too, until another side takes it.
    private func updateControl(_ world: World) {
        let alive = world.entities.alive, teams = world.entities.team, next = world.entities.nextOnTile
        let occupant = world.tiles.occupant
        let players = Int32(self.players)
        for position in 0..<watchedCount {
            let tile = Int(watched[position])
            var holder: Int32 = -1
            var other = occupant[tile]
            while other >= 0 {
                let slot = Int(other)
                if other < players && alive[slot] != 0 {
                    let side = Self.side(slot: other, team: teams[slot], players: players)
                    if holder >= 0 && side != holder {
                        holder = -1
                        break
                    }
                    holder = side
                }
                other = next[slot]
            }
            if holder >= 0 && controller[tile] != holder {
                controller[tile] = holder
                controlledSince[tile] = Int32(world.tick)
            }
        }
    }
}

/// The item counters of `ProgressCounters`, one per item event.
public enum ItemCounter: Int, CaseIterable, Sendable {
    /// HARVEST_ITEM.
    case harvested = 0
    /// CONSUME_ITEM.
    case consumed = 1
    /// LIST_ITEM.
    case listed = 2
    /// BUY_ITEM.
    case bought = 3
    /// FIRE_AMMO.
    case fired = 4
}
