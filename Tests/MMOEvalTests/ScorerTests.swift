import Testing
@testable import MMOEval
import MMOTasks

/// `Scorer` on hand-made results: the competition's numbers worked out by hand, the equal weighting
/// of categories, the bootstrap intervals and determinism.
@Suite struct ScorerTests {
    static func results(_ entrant: String, _ task: String, _ category: ScoringCategory?, _ progress: [Float]) -> [EpisodeResult] {
        progress.map { EpisodeResult(entrant: entrant, task: task, category: category, progress: $0) }
    }

    /// Progress values are binary fractions, so the hand-computed means are exact.
    static let handMade = results("alpha", "survive", .survival, [1, 1, 0.5, 0])
        + results("alpha", "kill_a", .combat, [1, 0.25])
        + results("alpha", "kill_b", .combat, [0, 0, 0, 0.375])
        + results("alpha", "untagged", nil, [1])
        + results("beta", "survive", .survival, [1, 1])

    static func expect(_ measures: Measures, score: Double, meanProgress: Double, partial: Double) {
        #expect(abs(measures.score.value - score) < 1e-12, "score \(measures.score.value), expected \(score)")
        #expect(abs(measures.meanProgress.value - meanProgress) < 1e-12, "mean progress \(measures.meanProgress.value), expected \(meanProgress)")
        #expect(abs(measures.partialFraction.value - partial) < 1e-12, "partial \(measures.partialFraction.value), expected \(partial)")
    }

    @Test func handMadeResultsGiveTheHandComputedScores() throws {
        let evaluations = try Scorer(seed: 1).evaluate(Self.handMade)
        #expect(evaluations.map(\.entrant) == ["alpha", "beta"])
        let alpha = evaluations[0]
        #expect(alpha.episodes == 11)
        #expect(alpha.tasks.map(\.task) == ["kill_a", "kill_b", "survive", "untagged"])
        #expect(alpha.tasks.map(\.episodes) == [2, 4, 4, 1])
        // kill_a: 1 of 2 completed, mean (1 + 0.25) / 2, 1 of 2 at 0.3 or more.
        Self.expect(alpha.tasks[0].measures, score: 0.5, meanProgress: 0.625, partial: 0.5)
        // kill_b: none completed, mean 0.375 / 4, 1 of 4 at 0.3 or more.
        Self.expect(alpha.tasks[1].measures, score: 0, meanProgress: 0.09375, partial: 0.25)
        // survive: 2 of 4, mean 2.5 / 4, 3 of 4.
        Self.expect(alpha.tasks[2].measures, score: 0.5, meanProgress: 0.625, partial: 0.75)
        Self.expect(alpha.tasks[3].measures, score: 1, meanProgress: 1, partial: 1)
        #expect(alpha.tasks[3].category == nil)

        // Categories in ScoringCategory order; the untagged task is in none of them.
        #expect(alpha.categories.map(\.category) == [.survival, .combat])
        #expect(alpha.categories.map(\.tasks) == [1, 2])
        Self.expect(alpha.categories[0].measures, score: 0.5, meanProgress: 0.625, partial: 0.75)
        // Combat: the mean of kill_a and kill_b.
        Self.expect(alpha.categories[1].measures, score: 0.25, meanProgress: 0.359375, partial: 0.375)
        // Total: the mean of survival and combat, times 100.
        Self.expect(alpha.total, score: 37.5, meanProgress: 49.21875, partial: 56.25)

        // Beta has only survival, completed every time: the categories present make the total.
        Self.expect(evaluations[1].total, score: 100, meanProgress: 100, partial: 100)
    }

    @Test func everyCategoryWeighsTheSameHoweverManyTasksItHas() throws {
        let survival = Self.results("e", "survive", .survival, [1, 1, 1])
        for itemTasks in [1, 10, 40] {
            let items = (0..<itemTasks).flatMap { Self.results("e", "item_\($0)", .item, [0, 0.5]) }
            let evaluation = try #require(try Scorer(seed: 3, resamples: 50).evaluate(survival + items).first)
            #expect(evaluation.categories.map(\.tasks) == [1, itemTasks])
            Self.expect(evaluation.total, score: 50, meanProgress: 62.5, partial: 75)
        }
    }

    @Test func intervalsContainTheEstimatesAndShrinkWithMoreEpisodes() throws {
        func halfDone(_ episodes: Int) -> [EpisodeResult] {
            Self.results("e", "survive", .survival, (0..<episodes).map { $0.isMultiple(of: 2) ? 1 : 0.25 })
                + Self.results("e", "harvest", .item, (0..<episodes).map { Float($0 % 4) / 3 })
        }
        var widths: [Double] = []
        for episodes in [20, 200, 2_000] {
            let evaluation = try #require(try Scorer(seed: 7).evaluate(halfDone(episodes)).first)
            let measures = evaluation.tasks.map(\.measures) + evaluation.categories.map(\.measures) + [evaluation.total]
            for measure in measures {
                for estimate in [measure.score, measure.meanProgress, measure.partialFraction] {
                    #expect(estimate.lower <= estimate.value && estimate.value <= estimate.upper, "\(episodes) episodes: \(estimate)")
                }
            }
            let survive = try #require(evaluation.tasks.first { $0.task == "survive" }).measures.score
            #expect(abs(survive.value - 0.5) < 1e-12)
            widths.append(survive.upper - survive.lower)
            // The total, over both categories' replicates, has an interval too.
            #expect(evaluation.total.score.upper > evaluation.total.score.lower)
        }
        #expect(widths[0] > widths[1] && widths[1] > widths[2], "\(widths)")
        // A proportion of 1/2 over 2,000 draws: the 95% interval is about 2 x 1.96 x sqrt(0.25 / 2,000) = 0.044 wide.
        #expect(widths[2] > 0.035 && widths[2] < 0.055, "\(widths[2])")
    }

    @Test func aTaskEveryoneCompletesHasAZeroWidthInterval() throws {
        let evaluation = try #require(try Scorer(seed: 1).evaluate(Self.results("e", "survive", .survival, [1, 1, 1])).first)
        #expect(evaluation.total.score == Estimate(value: 100, lower: 100, upper: 100))
    }

    @Test func theSameSeedGivesTheSameIntervalsInAnyInputOrder() throws {
        let results = Self.handMade + Self.results("gamma", "kill_a", .combat, (0..<50).map { Float($0 % 5) / 4 })
        let scorer = Scorer(seed: 42, resamples: 300)
        let first = try scorer.evaluate(results)
        #expect(try scorer.evaluate(results) == first)
        #expect(try scorer.evaluate(results.reversed()) == first)
        let permuted = results.indices.sorted { ($0 * 37) % results.count < ($1 * 37) % results.count }.map { results[$0] }
        #expect(try scorer.evaluate(permuted) == first)
        // An entrant's numbers do not depend on the other entrants scored with it.
        #expect(try scorer.evaluate(results.filter { $0.entrant == "gamma" }) == [first[2]])
        // Another seed draws other replicates: same estimates, other intervals.
        let reseeded = try Scorer(seed: 43, resamples: 300).evaluate(results)
        #expect(reseeded[2].total.score.value == first[2].total.score.value)
        #expect(reseeded[2].total != first[2].total)
    }

    @Test func badResultsAreRefusedByName() throws {
        #expect(throws: ScoringError.progressOutOfRange(entrant: "e", task: "t", progress: 1.5)) {
            try Scorer(seed: 1).evaluate(Self.results("e", "t", .item, [0.5, 1.5]))
        }
        #expect(throws: ScoringError.self) {
            try Scorer(seed: 1).evaluate(Self.results("e", "t", .item, [.nan]))
        }
        #expect(throws: ScoringError.conflictingCategory(task: "t")) {
            try Scorer(seed: 1).evaluate(Self.results("e", "t", .item, [1]) + Self.results("f", "t", .market, [1]))
        }
        #expect(try Scorer(seed: 1).evaluate([]).isEmpty)
    }

    @Test func quantilesInterpolateBetweenOrderStatistics() {
        let sorted: [Double] = [0, 1, 2, 3, 4]
        #expect(abs(PercentileInterval.quantile(sorted, 0.025) - 0.1) < 1e-12)
        #expect(abs(PercentileInterval.quantile(sorted, 0.975) - 3.9) < 1e-12)
        #expect(PercentileInterval.quantile(sorted, 0.5) == 2)
        #expect(PercentileInterval.quantile([7], 0.975) == 7)
    }
}
