import Testing
@testable import MMOCore
@testable import MMOTasks

/// AllMembersWithinRange, CanSeeAgent, CanSeeGroup, CanSeeTile, OccupyTile, DistanceTraveled,
/// ProgressTowardCenter, SeizeTile, SeizeCenter, SeizeQuadCenter (small map: middle 32, playable
/// half-side 16, vision radius 7).
struct TerritoryPredicateTests {
    private let team = Subject(members: [0, 1])

    @Test func allMembersWithinRangeComparesTheSpread() {
        let game = TaskWorld(players: 2, positions: [(20, 20), (28, 20)])
        let within = TaskPredicate.allMembersWithinRange(distance: 4)
        // Spread 8 on a playable side of 32: mean of (32 - 8) / (32 - 4), 4 / (3 x 4) for the rows
        // (standard deviation 4) and 1 for the columns.
        #expect(close(game.progress(within, team), (24.0 / 28 + 1.0 / 3 + 1) / 3))
        game.place(1, 22, 24)
        #expect(game.progress(within, team) == 1)
        game.place(1, 36, 20)
        #expect(close(game.progress(within, team), (16.0 / 28 + 1.0 / 6 + 1) / 3))
        #expect(game.progress(.allMembersWithinRange(distance: -1), team) == 0)
        game.kill(0, 1)
        #expect(game.progress(within, team) == 0)
    }

    @Test func canSeeAgentLooksWithinTheVisionRadius() {
        let game = TaskWorld(players: 3, positions: [(20, 20), (20, 28), (40, 40)])
        let see = TaskPredicate.canSeeAgent(target: 1)
        #expect(game.progress(see, .agent(0)) == 0)
        game.place(1, 27, 27)
        #expect(game.progress(see, .agent(0)) == 1)
        // A teammate's sight counts for a team.
        #expect(game.progress(.canSeeAgent(target: 2), .agent(0)) == 0)
        #expect(game.progress(.canSeeAgent(target: 2), Subject(members: [0, 1])) == 0)
        game.place(1, 33, 33)
        #expect(game.progress(.canSeeAgent(target: 2), Subject(members: [0, 1])) == 1)
        game.kill(1)
        #expect(game.progress(see, .agent(0)) == 0)
    }

    @Test func canSeeGroupNeedsAnyTarget() {
        let game = TaskWorld(players: 3, positions: [(20, 20), (40, 40), (40, 20)])
        let see = TaskPredicate.canSeeGroup(targets: [1, 2])
        #expect(game.progress(see, .agent(0)) == 0)
        game.place(2, 26, 20)
        #expect(game.progress(see, .agent(0)) == 1)
        game.kill(2)
        #expect(game.progress(see, .agent(0)) == 0)
    }

    @Test func canSeeTileScansTheVisionWindow() {
        let game = TaskWorld(players: 2, overrides: [(30, 30, .water)], positions: [(20, 20), (40, 40)])
        let water = TaskPredicate.canSeeTile(tileType: Int(Material.water.rawValue))
        #expect(game.progress(water, .agent(0)) == 0)
        #expect(game.progress(water, .agent(1)) == 0)
        game.place(0, 23, 23)
        #expect(game.progress(water, .agent(0)) == 1)
        #expect(game.progress(water, team) == 1)
        #expect(game.progress(.canSeeTile(tileType: Int(Material.tree.rawValue)), team) == 0)
        // The Void beyond the playable square is in sight near its edge.
        #expect(game.progress(.canSeeTile(tileType: Int(Material.void.rawValue)), .agent(0)) == 0)
        game.place(0, 18, 18)
        #expect(game.progress(.canSeeTile(tileType: Int(Material.void.rawValue)), .agent(0)) == 1)
        #expect(game.progress(.canSeeTile(tileType: 99), .agent(0)) == 0)
    }

    @Test func occupyTileNeedsAMemberOnTheTile() {
        let game = TaskWorld(players: 2, positions: [(20, 20), (40, 40)])
        let occupy = TaskPredicate.occupyTile(row: 30, col: 31)
        #expect(game.progress(occupy, team) == 0)
        game.place(1, 30, 31)
        #expect(game.progress(occupy, team) == 1)
        #expect(game.progress(occupy, .agent(0)) == 0)
    }

    @Test func distanceTraveledSumsTheFarthestDistances() {
        let game = TaskWorld(players: 2, positions: [(24, 20), (40, 40)])
        let travel = TaskPredicate.distanceTraveled(distance: 10)
        #expect(game.progress(travel, .agent(0)) == 0)
        for _ in 0..<5 {
            game.world.intents.move[0] = Direction.east.rawValue
            game.step()
        }
        #expect(game.progress(travel, .agent(0)) == 0.5)
        // Walking back does not undo the farthest distance.
        game.world.intents.move[0] = Direction.west.rawValue
        game.step()
        #expect(game.progress(travel, .agent(0)) == 0.5)
        for _ in 0..<3 {
            game.world.intents.move[1] = Direction.north.rawValue
            game.step()
        }
        #expect(close(game.progress(travel, team), 0.8))
        for _ in 0..<10 {
            game.world.intents.move[0] = Direction.south.rawValue
            game.step()
        }
        #expect(game.progress(travel, .agent(0)) == 1)
    }

    @Test func progressTowardCenterUsesTheNearestLivingMember() {
        let game = TaskWorld(players: 2, positions: [(16, 32), (48, 48)])
        #expect(game.progress(.progressTowardCenter, team) == 0)
        game.place(1, 40, 36)
        #expect(game.progress(.progressTowardCenter, team) == 0.5)
        game.place(0, 32, 32)
        #expect(game.progress(.progressTowardCenter, team) == 1)
        game.kill(0)
        #expect(game.progress(.progressTowardCenter, team) == 0.5)
    }

    @Test func seizeTileRewardsApproachSeizureAndHolding() {
        let seize = TaskPredicate.seizeTile(row: 30, col: 30, numTicks: 4)
        let game = TaskWorld(players: 2, positions: [(30, 22), (44, 44)], watching: [seize])
        // 14 tiles away on a half-side of 16: 0.4 x 2/16.
        #expect(close(game.progress(seize, .agent(1)), 0.05))
        #expect(close(game.progress(seize, .agent(0)), 0.2))  // 0.4 x (1 - 8/16)
        game.place(0, 30, 30)
        game.step()
        #expect(close(game.progress(seize, .agent(0)), 0.7))
        game.step(2)
        #expect(close(game.progress(seize, .agent(0)), 0.85))
        // Control stays after leaving, until another side takes the tile.
        game.place(0, 20, 20)
        game.step(2)
        #expect(game.progress(seize, .agent(0)) == 1)
        game.place(1, 30, 30)
        game.step()
        #expect(close(game.progress(seize, .agent(0)), 0.4 * (1 - 10.0 / 16)))
        #expect(close(game.progress(seize, .agent(1)), 0.7))
    }

    @Test func seizeTileIsNotTakenWhileContested() {
        let seize = TaskPredicate.seizeTile(row: 30, col: 30, numTicks: 4)
        let game = TaskWorld(players: 2, positions: [(30, 30), (30, 30)], watching: [seize])
        game.step()
        #expect(close(game.progress(seize, .agent(0)), 0.4))
        #expect(game.counters.control(row: 30, col: 30) == nil)
        // Teammates share a side: they took the tile at tick 0 and have held it one tick of four.
        let teams = TaskWorld(players: 4, teams: 2, positions: [(30, 30), (30, 30)], watching: [seize])
        teams.step()
        #expect(close(teams.progress(seize, .agent(1)), 0.775))
        #expect(close(teams.progress(seize, Subject.team(0, in: teams.world)!), 0.775))
    }

    @Test func seizeCenterTakesTheMiddleTile() {
        let seize = TaskPredicate.seizeCenter(numTicks: 2)
        let game = TaskWorld(players: 2, positions: [(16, 32), (48, 48)], watching: [seize])
        #expect(game.progress(seize, .agent(0)) == 0)
        game.place(0, 24, 32)
        #expect(close(game.progress(seize, .agent(0)), 0.15))
        game.place(0, 32, 32)
        game.step()
        #expect(close(game.progress(seize, .agent(0)), 0.6))
        game.step()
        #expect(close(game.progress(seize, .agent(0)), 0.8))
        game.step()
        #expect(game.progress(seize, .agent(0)) == 1)
    }

    @Test func seizeQuadCenterTakesTheQuadrantsCentre() {
        // Quadrant centres of the small map: 8 tiles from the middle.
        let first = TaskPredicate.seizeQuadCenter(numTicks: 2, quadrant: .first)
        let third = TaskPredicate.seizeQuadCenter(numTicks: 2, quadrant: .third)
        let game = TaskWorld(players: 2, positions: [(32, 40), (16, 24)], watching: [.or([first, .not(third)])])
        #expect(Quadrant.first.centre(in: game.world.config.map) == (40, 40))
        #expect(Quadrant.second.centre(in: game.world.config.map) == (24, 40))
        #expect(Quadrant.third.centre(in: game.world.config.map) == (24, 24))
        #expect(Quadrant.fourth.centre(in: game.world.config.map) == (40, 24))
        #expect(close(game.progress(first, .agent(0)), 0.3 * (1 - 8.0 / 16)))
        #expect(close(game.progress(third, .agent(1)), 0.3 * (1 - 8.0 / 16)))
        game.place(0, 40, 40)
        game.place(1, 24, 24)
        game.step()
        #expect(close(game.progress(first, .agent(0)), 0.6))
        #expect(close(game.progress(third, .agent(1)), 0.6))
        #expect(close(game.progress(.seizeQuadCenter(numTicks: 2, quadrant: .second), .agent(0)), 0.3 * (1 - 16.0 / 16)))
        game.step(2)
        #expect(game.progress(first, .agent(0)) == 1)
        #expect(game.progress(.seizeQuadCenter(numTicks: 2, quadrant: .fourth), .agent(1)) < 0.3)
    }
}

/// Which tiles the counters track for the Seize predicates.
struct WatchedTileTests {
    @Test func watchingCollectsSeizeTilesAtAnyDepth() {
        let game = TaskWorld(positions: [(40, 40), (30, 30)])
        #expect(game.counters.watchedCount == 0)
        game.counters.watch(.and([.success, .mul(.seizeCenter(numTicks: 1), .not(.seizeQuadCenter(numTicks: 1, quadrant: .first)))]))
        game.counters.watch(.seizeTile(row: 32, col: 32, numTicks: 1))
        game.counters.watch(.seizeTile(row: -1, col: 70, numTicks: 1))
        #expect(game.counters.watchedCount == 2)
        game.step()
        #expect(game.counters.control(row: 40, col: 40)?.side == 0)
        #expect(game.counters.control(row: 30, col: 30) == nil)
    }

    @Test func anUnwatchedTileIsNeverSeized() {
        let game = TaskWorld(positions: [(30, 30), (40, 40)])
        let seize = TaskPredicate.seizeTile(row: 30, col: 30, numTicks: 4)
        game.step(4)
        #expect(close(game.progress(seize, .agent(0)), 0.4))
    }
}
