import Foundation
import MMOTasks
import Testing

/// The competition's scoring: per-spec completion fractions, category means over dealt specs,
/// equal category weights summing to 100 over the covered categories.
struct TaskScoreboardTests {
    private let curriculum = Curriculum(specs: [
        TaskSpec(name: "live", predicate: .tickGE(numTick: 10), tags: ["survival"]),
        TaskSpec(name: "eat", predicate: .countEvent(event: 1, count: 1), tags: ["item"]),
        TaskSpec(name: "drink", predicate: .countEvent(event: 2, count: 1), tags: ["extra", "item"]),
        TaskSpec(name: "kill", predicate: .countEvent(event: 12, count: 1), tags: ["combat"]),
        TaskSpec(name: "odd", predicate: .success, tags: ["misc"]),
    ])

    @Test func categoriesAverageTheirDealtSpecsAndShareOneHundred() {
        var board = TaskScoreboard(curriculum: curriculum)
        board.record(spec: 0, progress: 1)
        board.record(spec: 0, progress: 0.5)
        board.record(spec: 1, progress: 1)
        board.record(spec: 2, progress: 0.2)
        board.record(spec: 2, progress: 0.4)
        board.record(spec: 4, progress: 1)
        let rows = board.categoryScores()
        #expect(rows.map(\.category) == [.survival, .combat, .item, nil])
        let survival = rows[0], combat = rows[1], item = rows[2], untagged = rows[3]
        #expect(survival.score == 0.5 && survival.outcomes == 2 && survival.completions == 1 && survival.meanProgress == 0.75)
        // Item: "eat" completed 1 of 1, "drink" 0 of 2: the mean of 1 and 0.
        #expect(item.score == 0.5 && item.dealtSpecs == 2 && item.specs == 2)
        #expect(item.partialFraction == 2.0 / 3.0)
        // Combat was never dealt: listed, not scored; the two covered categories get 50 points each.
        #expect(combat.dealtSpecs == 0 && combat.weight == 0)
        #expect(survival.weight == 50 && item.weight == 50 && untagged.weight == 0)
        #expect(board.weightedScore == 50)
        #expect(board.totalOutcomes == 6)
    }

    @Test func mergingAddsOutcomes() {
        var first = TaskScoreboard(curriculum: curriculum), second = TaskScoreboard(curriculum: curriculum)
        first.record(spec: 3, progress: 1)
        second.record(spec: 3, progress: 0)
        second.record(spec: 1, progress: 0.3)
        first.merge(second)
        #expect(first.outcomes == [0, 1, 0, 2, 0] && first.completions == [0, 0, 0, 1, 0] && first.partials == [0, 1, 0, 1, 0])
        #expect(first.weightedScore == 25, "combat 1/2 of 50 points, item 0 of 50")
    }

    @Test func everyShippedHeldOutTaskHasAScoringCategory() throws {
        let board = TaskScoreboard(curriculum: try CurriculumFile.load(path: ShippedCurriculaTests.directory + "/eval_heldout.json"))
        #expect(board.categoryScores().map(\.category) == ScoringCategory.allCases.map { $0 })
        #expect(board.categoryScores().map(\.specs) == [1, 3, 2, 8, 44, 5])
    }
}
