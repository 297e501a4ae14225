import Foundation
import Testing
@testable import MMOCore
@testable import MMOTasks

/// AND, OR, NOT, ADD, SUB, MUL over predicates with known progress, and predicates as data.
struct CombinatorTests {
    /// A world at tick 2, so `tickGE(n)` has progress 2 / n.
    private func game() -> TaskWorld {
        let game = TaskWorld(positions: [(20, 20), (30, 30)])
        game.step(2)
        return game
    }

    private let quarter = TaskPredicate.tickGE(numTick: 8)
    private let half = TaskPredicate.tickGE(numTick: 4)
    private let subject = Subject.agent(0)

    @Test func andTakesTheMinimum() {
        let game = game()
        #expect(game.progress(.and([half, quarter, .success]), subject) == 0.25)
        #expect(game.progress(.and([.success, .success]), subject) == 1)
        #expect(game.progress(.and([half, .allDead]), subject) == 0)
        #expect(game.progress(.and([]), subject) == 1)
    }

    @Test func orTakesTheMaximum() {
        let game = game()
        #expect(game.progress(.or([quarter, half]), subject) == 0.5)
        #expect(game.progress(.or([.allDead, .allDead]), subject) == 0)
        #expect(game.progress(.or([.allDead, .success]), subject) == 1)
        #expect(game.progress(.or([]), subject) == 0)
    }

    @Test func notComplements() {
        let game = game()
        #expect(game.progress(.not(quarter), subject) == 0.75)
        #expect(game.progress(.not(.success), subject) == 0)
        #expect(game.progress(.not(.allDead), subject) == 1)
    }

    @Test func addSumsUpToOne() {
        let game = game()
        #expect(game.progress(.add(half, quarter), subject) == 0.75)
        #expect(game.progress(.add(.allDead, .allDead), subject) == 0)
        #expect(game.progress(.add(half, .success), subject) == 1)
    }

    @Test func subSubtractsDownToZero() {
        let game = game()
        #expect(game.progress(.sub(half, quarter), subject) == 0.25)
        #expect(game.progress(.sub(quarter, half), subject) == 0)
        #expect(game.progress(.sub(.success, .allDead), subject) == 1)
    }

    @Test func mulMultiplies() {
        let game = game()
        #expect(game.progress(.mul(half, quarter), subject) == 0.125)
        #expect(game.progress(.mul(half, .allDead), subject) == 0)
        #expect(game.progress(.mul(.success, .success), subject) == 1)
    }

    @Test func combinatorsNest() {
        let game = game()
        // (0.5 AND 1) + NOT 0.25 = 0.5 + 0.75, clipped to 1; times (1 - 0.5).
        let nested = TaskPredicate.mul(.add(.and([half, .success]), .not(quarter)), .sub(.success, half))
        #expect(game.progress(nested, subject) == 0.5)
        #expect(game.progress(.or([.and([half, quarter]), .mul(half, half)]), subject) == 0.25)
    }

    @Test func nonPositiveGoalsAreReached() {
        let game = TaskWorld()
        #expect(game.progress(.tickGE(numTick: 0), subject) == 1)
        #expect(game.progress(.hoardGold(amount: -3), subject) == 1)
        #expect(game.progress(.harvestItem(item: Int(ItemKind.potion.rawValue), level: 1, quantity: 0), subject) == 1)
    }

    @Test func everyCombinationSplitsIntoItsOperandsAndCombinesBack() {
        let combinations = CurriculumFileTests.everyCase.compactMap { predicate in Combinator.split(predicate).map { (predicate, $0) } }
        #expect(Set(combinations.map(\.1.combinator)) == Set(Combinator.allCases))
        for (predicate, (combinator, operands)) in combinations {
            #expect(combinator.operandCounts.contains(operands.count), "\(predicate)")
            #expect(combinator.combine(operands) == predicate)
        }
        #expect(Combinator.split(.sub(quarter, half))?.operands == [quarter, half])
        #expect(Combinator.split(.not(.and([])))?.operands == [.and([])])
        #expect(Combinator.split(quarter) == nil && Combinator.split(.success) == nil)
    }

    @Test func predicatesRoundTripThroughJSON() throws {
        let predicate = TaskPredicate.and([
            .or([.harvestItem(item: 17, level: 2, quantity: 3), .seizeQuadCenter(numTicks: 10, quadrant: .third)]),
            .not(.checkAgentStatus(targets: [1, 2], status: .dead)),
            .sub(.defeatEntity(agentType: .npc, level: 1, numAgent: 2), .seizeTile(row: 1, col: 2, numTicks: 3)),
        ])
        let data = try JSONEncoder().encode(predicate)
        #expect(try JSONDecoder().decode(TaskPredicate.self, from: data) == predicate)
    }
}
