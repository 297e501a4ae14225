/// Places players at reset on the perimeter ring of the playable square, as Neural MMO does.
///
/// Without teams, each player gets a distinct ring tile drawn at random. With teams, the ring's
/// passable tiles (listed clockwise from the top-left corner) are cut into one arc per team, in
/// a random rotation and a random team order, and each team fills the start of its arc, so team
/// members spawn side by side. A `vitals.resilientFraction` of players, drawn at random, take
/// reduced starvation damage.
enum Spawning {
    static func spawnPlayers(in world: World) {
        let config = world.config
        let scratch = world.spawnScratch
        let ringCount = fillPassableRing(of: world, into: scratch.ring)
        var rng = world.spawningRng
        let players = config.players.count
        precondition(ringCount >= players, "the spawn ring has \(ringCount) passable tiles for \(players) players")

        let tileOfPlayer = scratch.tileOfPlayer
        let order = scratch.order
        if config.players.teams > 0 {
            let teams = config.players.teams
            let teamSize = players / teams
            let arc = ringCount / teams
            let rotation = rng.below(ringCount)
            for team in 0..<teams { order[team] = Int32(team) }
            rng.shuffle(UnsafeMutableBufferPointer(start: order.base, count: teams))
            for player in 0..<players {
                let position = rotation + Int(order[player / teamSize]) * arc + player % teamSize
                tileOfPlayer[player] = scratch.ring[position % ringCount]
            }
        } else {
            rng.shuffle(UnsafeMutableBufferPointer(start: scratch.ring.base, count: ringCount))
            for player in 0..<players { tileOfPlayer[player] = scratch.ring[player] }
        }

        for player in 0..<players { order[player] = Int32(player) }
        rng.shuffle(UnsafeMutableBufferPointer(start: order.base, count: players))
        let resilientCount = Int((config.vitals.resilientFraction * Double(players)).rounded())
        let entities = world.entities
        for position in 0..<resilientCount { entities.resilient[Int(order[position])] = 1 }

        for player in 0..<players {
            let tile = Int(tileOfPlayer[player])
            let row = tile / world.size
            let col = tile % world.size
            entities.kind[player] = .player
            entities.alive[player] = 1
            entities.row[player] = Int32(row)
            entities.col[player] = Int32(col)
            entities.spawnRow[player] = Int32(row)
            entities.spawnCol[player] = Int32(col)
            entities.spawnTick[player] = Int32(world.tick)
            entities.health[player] = Int32(config.vitals.maxHealth)
            entities.food[player] = Int32(config.vitals.maxFood)
            entities.water[player] = Int32(config.vitals.maxWater)
            entities.gold[player] = Int32(config.exchange.startingGold)
            entities.team[player] = config.players.teams > 0 ? Int32(player / (players / config.players.teams)) : -1
            world.tiles.addOccupant(player, at: tile, links: entities.nextOnTile)
            world.record(.spawn, slot: player, number: Int32(entities.resilient[player]))
        }
        world.livingPlayers = players
        world.goldCreated += players * config.exchange.startingGold
        world.spawningRng = rng
    }

    /// Writes the passable tiles of the ring at L-inf distance `playableRadius` from the middle,
    /// clockwise from the top-left corner, into `ring`; returns how many there are.
    static func fillPassableRing(of world: World, into ring: FixedArray<Int32>) -> Int {
        let low = world.config.map.playableMin
        let high = world.config.map.playableMax
        var count = 0
        func add(_ row: Int, _ col: Int) {
            if world.tiles.isPassable(row: row, col: col) {
                ring[count] = Int32(world.tiles.index(row: row, col: col))
                count += 1
            }
        }
        for col in low..<high { add(low, col) }
        for row in low..<high { add(row, high) }
        for col in stride(from: high, to: low, by: -1) { add(high, col) }
        for row in stride(from: high, to: low, by: -1) { add(row, low) }
        return count
    }
}

/// Preallocated working space of `Spawning`, so that a reset allocates nothing.
final class SpawnScratch {
    /// Passable ring tiles (then shuffled, without teams).
    let ring: FixedArray<Int32>
    /// The ring tile chosen for each player.
    let tileOfPlayer: FixedArray<Int32>
    /// A permutation of teams or players.
    let order: FixedArray<Int32>

    init(config: Config) {
        ring = FixedArray(repeating: 0, count: 4 * config.map.center)
        tileOfPlayer = FixedArray(repeating: 0, count: config.players.count)
        order = FixedArray(repeating: 0, count: max(config.players.count, config.players.teams))
    }

    deinit {
        ring.deallocate()
        tileOfPlayer.deallocate()
        order.deallocate()
    }
}
