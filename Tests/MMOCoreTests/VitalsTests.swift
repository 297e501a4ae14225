import Testing
@testable import MMOCore

/// The vitals rules, checked against the tick counts measured on Neural MMO 2.1.2.
struct VitalsTests {
    /// Steps an idle world until every player is dead; returns the death ticks.
    private func deathTicks(of world: World) -> [Int32] {
        while world.livingPlayers > 0 && world.tick < 100 { world.step() }
        return (0..<world.entities.playerCount).map { world.entities.deathTick[$0] }
    }

    @Test func idlePlayersDieAtTick25OnHandMadeMap() {
        let world = World(config: .default, map: HandMadeMap.make(config: .default), seed: 7)
        #expect(world.livingPlayers == 128)
        #expect(Set(deathTicks(of: world)) == [25])
    }

    @Test func idlePlayerNextToWaterDiesAtTick30() {
        var config = Config.small
        config.players.count = 1
        let probe = World(config: config, map: HandMadeMap.make(config: config), seed: 3)
        let row = Int(probe.entities.row[0])
        let col = Int(probe.entities.col[0])
        // Water on the inward neighbour of the spawn tile (which is on the perimeter ring).
        let low = config.map.playableMin, high = config.map.playableMax
        let inward = row == low ? (row + 1, col) : row == high ? (row - 1, col) : col == low ? (row, col + 1) : (row, col - 1)
        #expect(col == low || col == high || row == low || row == high)
        let map = HandMadeMap.make(config: config, overrides: [(inward.0, inward.1, .water)])
        let world = World(config: config, map: map, seed: 3)
        #expect(world.entities.row[0] == Int32(row) && world.entities.col[0] == Int32(col))
        #expect(deathTicks(of: world) == [30])
    }

    @Test func resilientPlayersDieAtTick30() {
        var config = Config.default
        config.vitals.resilientFraction = 1
        let world = World(config: config, map: HandMadeMap.make(config: config), seed: 1)
        #expect(Set(deathTicks(of: world)) == [30])
    }

    @Test func eatingFoilageRefillsFoodAndDepletesTheTile() {
        var config = Config.small
        config.players.count = 1
        let probe = World(config: config, map: HandMadeMap.make(config: config), seed: 5)
        let row = Int(probe.entities.row[0]), col = Int(probe.entities.col[0])
        let world = World(config: config, map: HandMadeMap.make(config: config, overrides: [(row, col, .foilage)]), seed: 5)
        world.step()
        #expect(world.entities.food[0] == Int32(config.vitals.maxFood))
        #expect(world.tiles.material(row: row, col: col) == .scrub)
        #expect(world.events.count(of: .eatFood) == 1)
        #expect(world.tiles.depletedCount == 1)
    }

    @Test func starvationDeathIsLoggedWithItsCause() {
        var config = Config.small
        config.players.count = 2
        let world = World(config: config, map: HandMadeMap.make(config: config), seed: 2)
        for _ in 0..<24 { world.step() }
        #expect(world.livingPlayers == 2)
        world.step()
        #expect(world.livingPlayers == 0)
        let deaths = world.events.events.filter { $0.kind == .death }
        #expect(deaths.count == 2)
        #expect(deaths.allSatisfy { $0.type == DeathCause.starvation.rawValue && $0.tick == 25 })
        #expect(world.isOver)
    }
}
