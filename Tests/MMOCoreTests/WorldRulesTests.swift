import Testing
@testable import MMOCore

/// Movement, respawn, spawning and the death fog on small hand-made worlds.
struct WorldRulesTests {
    private func config(players: Int) -> Config {
        var config = Config.small
        config.players.count = players
        return config
    }

    @Test func idleAgentsOnAGeneratedDefaultMapAllDieAtTick25() {
        let world = World(config: .default, map: TerrainGenerator.generate(config: .default, seed: 1), seed: 11)
        var deathTicks: [Int32] = []
        while world.livingPlayers > 0 && world.tick < 60 {
            world.step()
            deathTicks += world.events.events.filter { $0.kind == .death }.map(\.tick)
        }
        #expect(deathTicks.count == 128)
        #expect(Set(deathTicks) == [25])
    }

    @Test func movementIsBlockedByImpassableTilesAndLogsGoFarthest() {
        let config = config(players: 1)
        let probe = World(config: config, map: HandMadeMap.make(config: config), seed: 4)
        let row = Int(probe.entities.row[0]), col = Int(probe.entities.col[0])
        // Step inward twice on an open map: two GO_FARTHEST events with distances 1 and 2.
        let inward: Direction = row == config.map.playableMin ? .south : row == config.map.playableMax ? .north : col == config.map.playableMin ? .east : .west
        let open = World(config: config, map: HandMadeMap.make(config: config), seed: 4)
        var farthest: [Int32] = []
        for _ in 0..<2 {
            open.moves[0] = inward.rawValue
            open.step()
            farthest += open.events.events.filter { $0.kind == .goFarthest }.map(\.number)
        }
        #expect(farthest == [1, 2])
        #expect(Int(open.entities.row[0]) == row + 2 * inward.rowDelta && Int(open.entities.col[0]) == col + 2 * inward.colDelta)
        // Moving back towards spawn is not a new farthest distance.
        open.moves[0] = inward == .south ? Direction.north.rawValue : inward == .north ? Direction.south.rawValue : inward == .east ? Direction.west.rawValue : Direction.east.rawValue
        open.step()
        #expect(open.events.count(of: .goFarthest) == 0)

        // Stone in the way: the move is not taken.
        let blocked = World(config: config, map: HandMadeMap.make(config: config, overrides: [(row + inward.rowDelta, col + inward.colDelta, .stone)]), seed: 4)
        blocked.moves[0] = inward.rawValue
        blocked.step()
        #expect(Int(blocked.entities.row[0]) == row && Int(blocked.entities.col[0]) == col)
        // Stepping off the playable square (onto Void) is impossible too.
        let outward: Direction = inward == .south ? .north : inward == .north ? .south : inward == .east ? .west : .east
        blocked.moves[0] = outward.rawValue
        blocked.step()
        #expect(Int(blocked.entities.row[0]) == row && Int(blocked.entities.col[0]) == col)
    }

    @Test func occupancyListsTrackEveryLivingEntity() {
        let config = config(players: 64)
        let world = World(config: config, map: TerrainGenerator.generate(config: config, seed: 3), seed: 3)
        var rng = Rng(seed: 99)
        for _ in 0..<30 {
            for slot in 0..<64 { world.moves[slot] = UInt8(rng.below(5)) }
            world.step()
            var counted = 0
            for index in 0..<(config.map.size * config.map.size) {
                var slot = world.tiles.occupant[index]
                while slot >= 0 {
                    #expect(world.entities.alive[Int(slot)] == 1)
                    #expect(Int(world.entities.row[Int(slot)]) * config.map.size + Int(world.entities.col[Int(slot)]) == index)
                    #expect(world.tiles.passable[index] == 1)
                    counted += 1
                    slot = world.entities.nextOnTile[Int(slot)]
                }
            }
            let living = (0..<world.entities.capacity).filter { world.entities.alive[$0] != 0 }.count
            #expect(counted == living)
        }
    }

    @Test func depletedTilesRespawnWithTheirProbability() {
        var config = config(players: 1)
        config.resources.foilageRespawn = 1
        let probe = World(config: config, map: HandMadeMap.make(config: config), seed: 6)
        let row = Int(probe.entities.row[0]), col = Int(probe.entities.col[0])
        let world = World(config: config, map: HandMadeMap.make(config: config, overrides: [(row, col, .foilage)]), seed: 6)
        for _ in 0..<2 {
            world.step()  // eaten by the player standing on it, then respawns (probability 1) at the end of the tick
            #expect(world.events.count(of: .eatFood) == 1)
            #expect(world.tiles.material(row: row, col: col) == .foilage)
        }

        config.resources.foilageRespawn = 0
        let never = World(config: config, map: HandMadeMap.make(config: config, overrides: [(row, col, .foilage)]), seed: 6)
        for _ in 0..<10 { never.step() }
        #expect(never.tiles.material(row: row, col: col) == .scrub)
        #expect(never.tiles.depletedCount == 1)
    }

    @Test func teamsSpawnSideBySide() {
        var config = Config.default
        config.players.teams = 16
        let world = World(config: config, map: TerrainGenerator.generate(config: config, seed: 2), seed: 2)
        for team in 0..<16 {
            let members = (0..<128).filter { world.entities.team[$0] == Int32(team) }
            #expect(members.count == 8)
            let rows = members.map { Int(world.entities.row[$0]) }, cols = members.map { Int(world.entities.col[$0]) }
            // Eight consecutive ring tiles span at most 8 tiles in each direction (around a corner).
            #expect(rows.max()! - rows.min()! <= 8 && cols.max()! - cols.min()! <= 8)
        }
        let tiles = (0..<128).map { Int(world.entities.row[$0]) * 160 + Int(world.entities.col[$0]) }
        #expect(Set(tiles).count == 128)
    }

    @Test func playersSpawnOnDistinctRingTiles() {
        let world = World(config: .default, map: TerrainGenerator.generate(config: .default, seed: 5), seed: 5)
        let config = world.config
        let tiles = (0..<128).map { Int(world.entities.row[$0]) * 160 + Int(world.entities.col[$0]) }
        #expect(Set(tiles).count == 128)
        #expect((0..<128).allSatisfy { config.map.ringDistance(row: Int(world.entities.row[$0]), col: Int(world.entities.col[$0])) == config.map.playableRadius })
    }

    @Test func deathFogDamagesOutsideTheSafeSquareOnly() {
        var config = config(players: 2)
        config.npcs.count = 0
        config.deathFog.enabled = true
        config.deathFog.onset = 1
        config.deathFog.speed = 1
        config.deathFog.safeRadius = 8
        config.vitals.maxFood = 10000
        config.vitals.maxWater = 10000
        config.vitals.regen = 0
        let world = World(config: config, map: HandMadeMap.make(config: config), seed: 1)
        // Player 1 teleported into the safe square for the test.
        world.tiles.removeOccupant(1, at: world.tiles.index(row: Int(world.entities.row[1]), col: Int(world.entities.col[1])), links: world.entities.nextOnTile)
        world.entities.row[1] = Int32(config.map.middle)
        world.entities.col[1] = Int32(config.map.middle)
        world.tiles.addOccupant(1, at: world.tiles.index(row: config.map.middle, col: config.map.middle), links: world.entities.nextOnTile)
        world.step()  // tick 1: the front has moved 1 tile, the ring (depth 0) has strength 1
        #expect(world.entities.health[0] == 99)
        world.step()  // tick 2: strength 2
        #expect(world.entities.health[0] == 97)
        #expect(world.entities.health[1] == 100)
        while world.entities.alive[0] == 1 { world.step() }
        let death = world.events.events.first { $0.kind == .death }
        #expect(death?.type == DeathCause.deathFog.rawValue)
        #expect(world.entities.alive[1] == 1)
    }
}
