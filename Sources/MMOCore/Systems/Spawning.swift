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
        let ring = passableRing(of: world)
        var rng = world.spawningRng
        let players = config.players.count
        precondition(ring.count >= players, "the spawn ring has \(ring.count) passable tiles for \(players) players")

        var tileOfPlayer = [Int](repeating: 0, count: players)
        if config.players.teams > 0 {
            let teams = config.players.teams
            let teamSize = players / teams
            let arc = ring.count / teams
            let rotation = rng.below(ring.count)
            var teamOrder = Array(0..<teams)
            rng.shuffle(&teamOrder)
            for player in 0..<players {
                let team = player / teamSize
                let position = rotation + teamOrder[team] * arc + player % teamSize
                tileOfPlayer[player] = ring[position % ring.count]
            }
        } else {
            var shuffled = ring
            rng.shuffle(&shuffled)
            for player in 0..<players { tileOfPlayer[player] = shuffled[player] }
        }

        var order = Array(0..<players)
        rng.shuffle(&order)
        let resilientCount = Int((config.vitals.resilientFraction * Double(players)).rounded())
        let entities = world.entities
        for position in 0..<resilientCount { entities.resilient[order[position]] = 1 }

        for player in 0..<players {
            let tile = tileOfPlayer[player]
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
            entities.team[player] = config.players.teams > 0 ? Int32(player / (players / config.players.teams)) : -1
            world.tiles.addOccupant(player, at: tile, links: entities.nextOnTile)
            world.record(.spawn, slot: player, number: Int32(entities.resilient[player]))
        }
        world.livingPlayers = players
        world.spawningRng = rng
    }

    /// Passable tiles of the ring at L-inf distance `playableRadius` from the middle, clockwise
    /// from the top-left corner.
    static func passableRing(of world: World) -> [Int] {
        let low = world.config.map.playableMin
        let high = world.config.map.playableMax
        var ring: [Int] = []
        ring.reserveCapacity(4 * (high - low))
        func add(_ row: Int, _ col: Int) {
            if world.tiles.isPassable(row: row, col: col) { ring.append(world.tiles.index(row: row, col: col)) }
        }
        for col in low..<high { add(low, col) }
        for row in low..<high { add(row, high) }
        for col in stride(from: high, to: low, by: -1) { add(high, col) }
        for row in stride(from: high, to: low, by: -1) { add(row, low) }
        return ring
    }
}
