import Testing
@testable import MMOCore
@testable import MMOTasks

/// AllDead, StayAlive, Success, TickGE, CheckAgentStatus, ProtectLeader.
struct SurvivalPredicateTests {
    private let team = Subject(members: [0, 1])

    @Test func allDeadCountsDeadMembers() {
        let game = TaskWorld(players: 3, positions: [(20, 20), (20, 30), (30, 30)])
        #expect(game.progress(.allDead, team) == 0)
        game.kill(0)
        #expect(game.progress(.allDead, team) == 0.5)
        game.kill(1)
        #expect(game.progress(.allDead, team) == 1)
        #expect(game.progress(.allDead, .agent(2)) == 0)
    }

    @Test func stayAliveNeedsEveryMember() {
        let game = TaskWorld(players: 3, positions: [(20, 20), (20, 30), (30, 30)])
        game.step(3)
        #expect(game.progress(.stayAlive, team) == 1)
        game.kill(1)
        #expect(game.progress(.stayAlive, team) == 0)
        #expect(game.progress(.stayAlive, .agent(0)) == 1)
    }

    @Test func successIsAlwaysComplete() {
        let game = TaskWorld()
        #expect(game.progress(.success, team) == 1)
        game.kill(0, 1)
        #expect(game.progress(.success, team) == 1)
    }

    @Test func tickGEGrowsWithTheTick() {
        let game = TaskWorld()
        #expect(game.progress(.tickGE(numTick: 4), team) == 0)
        game.step(2)
        #expect(game.progress(.tickGE(numTick: 4), team) == 0.5)
        game.step(2)
        #expect(game.progress(.tickGE(numTick: 4), team) == 1)
        game.step(3)
        #expect(game.progress(.tickGE(numTick: 4), team) == 1)
    }

    @Test func checkAgentStatusCountsTargetsInTheStatus() {
        let game = TaskWorld(players: 4, positions: [(20, 20), (20, 30), (30, 30), (30, 20)])
        let dead = TaskPredicate.checkAgentStatus(targets: [1, 2], status: .dead)
        let alive = TaskPredicate.checkAgentStatus(targets: [1, 2], status: .alive)
        #expect(game.progress(dead, .agent(0)) == 0)
        #expect(game.progress(alive, .agent(0)) == 1)
        game.kill(1)
        #expect(game.progress(dead, .agent(0)) == 0.5)
        #expect(game.progress(alive, .agent(0)) == 0.5)
        game.kill(2)
        #expect(game.progress(dead, .agent(0)) == 1)
        #expect(game.progress(alive, .agent(0)) == 0)
        // Slots that are not players count as dead.
        #expect(game.progress(.checkAgentStatus(targets: [3, 99], status: .alive), .agent(0)) == 0.5)
        #expect(game.progress(.checkAgentStatus(targets: [3, 99], status: .dead), .agent(0)) == 0.5)
    }

    @Test func protectLeaderGrowsWhileTheLeaderLives() {
        // The small preset's horizon is 128 ticks.
        let game = TaskWorld(players: 4, positions: [(20, 20), (20, 30), (30, 30), (30, 20)])
        let protect = TaskPredicate.protectLeader(targetProtect: 0, targetDestroy: [2, 3])
        #expect(game.progress(protect, team) == 0)
        game.step(64)
        #expect(game.progress(protect, team) == 0.5)
        game.kill(2, 3)
        #expect(close(game.progress(protect, team), 65.0 / 128))
        game.step(63)
        #expect(game.progress(protect, team) == 1)
        game.kill(0)
        #expect(game.progress(protect, team) == 0)
    }
}
