/// What became of dealt tasks, per curriculum spec, and the competition's score computed from it.
///
/// An outcome is one dealt task's best progress when its episode ended. As in the Neural MMO 2023
/// held-out scoring, a spec's score is the fraction of its outcomes that completed (progress reached
/// 1); a category's score is the mean score of its specs that were dealt at least once; and the
/// total gives every scoring category that the curriculum's dealt specs cover an equal share of 100
/// (with all six covered, 100/6 each, as in the competition). A spec belongs to the first of its
/// tags that names a `ScoringCategory`; specs without one are reported but not scored.
public struct TaskScoreboard: Sendable, Equatable {
    /// Progress at or above which an outcome also counts as "partly done" (the competition reports
    /// the fraction of tasks at 0.3 or more beside completion).
    public static let partialThreshold: Float = 0.3

    /// The specs the outcomes are counted for.
    public let curriculum: Curriculum
    /// Per spec: outcomes recorded, completions among them, their progress summed, and how many
    /// reached `partialThreshold`.
    public private(set) var outcomes: [Int]
    public private(set) var completions: [Int]
    public private(set) var progressSums: [Double]
    public private(set) var partials: [Int]

    /// An empty scoreboard for `curriculum`'s specs.
    public init(curriculum: Curriculum) {
        self.curriculum = curriculum
        // Separate buffers, so that recording never copies one on first write.
        outcomes = Array(repeating: 0, count: curriculum.specs.count)
        completions = Array(repeating: 0, count: curriculum.specs.count)
        progressSums = Array(repeating: 0, count: curriculum.specs.count)
        partials = Array(repeating: 0, count: curriculum.specs.count)
    }

    /// Records that a task of spec `spec` ended at best progress `progress` (in [0, 1]).
    public mutating func record(spec: Int, progress: Float) {
        outcomes[spec] += 1
        if progress >= 1 { completions[spec] += 1 }
        if progress >= Self.partialThreshold { partials[spec] += 1 }
        progressSums[spec] += Double(progress)
    }

    /// Adds `other`'s outcomes (for the same curriculum) to these.
    public mutating func merge(_ other: TaskScoreboard) {
        precondition(other.curriculum.specs.count == curriculum.specs.count, "scoreboards of different curricula")
        for spec in outcomes.indices {
            outcomes[spec] += other.outcomes[spec]
            completions[spec] += other.completions[spec]
            progressSums[spec] += other.progressSums[spec]
            partials[spec] += other.partials[spec]
        }
    }

    /// Outcomes recorded over all specs.
    public var totalOutcomes: Int { outcomes.reduce(0, +) }

    /// The scoring category of spec `spec`, or `nil`.
    public func category(ofSpec spec: Int) -> ScoringCategory? {
        curriculum.specs[spec].tags.lazy.compactMap(ScoringCategory.init(rawValue:)).first
    }

    /// One row per scoring category that has specs in the curriculum, in `ScoringCategory` order,
    /// then one for specs without a category (`category` nil) if there are any.
    public func categoryScores() -> [CategoryScore] {
        var rows: [CategoryScore] = []
        let groups: [ScoringCategory?] = ScoringCategory.allCases.map { $0 } + [nil]
        let scoredCount = ScoringCategory.allCases.filter { category in
            outcomes.indices.contains { outcomes[$0] > 0 && self.category(ofSpec: $0) == category }
        }.count
        for category in groups {
            let specs = outcomes.indices.filter { self.category(ofSpec: $0) == category }
            guard !specs.isEmpty else { continue }
            let dealt = specs.filter { outcomes[$0] > 0 }
            let specScores = dealt.map { Double(completions[$0]) / Double(outcomes[$0]) }
            let score = specScores.isEmpty ? 0 : specScores.reduce(0, +) / Double(specScores.count)
            let outcomeCount = specs.reduce(0) { $0 + outcomes[$1] }
            rows.append(CategoryScore(
                category: category,
                specs: specs.count,
                dealtSpecs: dealt.count,
                outcomes: outcomeCount,
                completions: specs.reduce(0) { $0 + completions[$1] },
                score: score,
                meanProgress: outcomeCount == 0 ? 0 : specs.reduce(0) { $0 + progressSums[$1] } / Double(outcomeCount),
                partialFraction: outcomeCount == 0 ? 0 : Double(specs.reduce(0) { $0 + partials[$1] }) / Double(outcomeCount),
                weight: category != nil && !dealt.isEmpty && scoredCount > 0 ? 100 / Double(scoredCount) : 0
            ))
        }
        return rows
    }

    /// The weighted total, 0 to 100: each covered category's weight times its score.
    public var weightedScore: Double {
        categoryScores().reduce(0) { $0 + $1.weight * $1.score }
    }
}

/// One category's line of a `TaskScoreboard`.
public struct CategoryScore: Sendable, Equatable {
    /// The category, or `nil` for specs without one.
    public let category: ScoringCategory?
    /// Specs of the category in the curriculum, and how many of them were dealt.
    public let specs: Int
    public let dealtSpecs: Int
    /// Outcomes recorded for the category's specs, and completions among them.
    public let outcomes: Int
    public let completions: Int
    /// Mean over the dealt specs of their completed fraction, 0 to 1.
    public let score: Double
    /// Mean best progress over the outcomes, and the fraction that reached `TaskScoreboard.partialThreshold`.
    public let meanProgress: Double
    public let partialFraction: Double
    /// Points the category's score is worth (0 for unscored rows).
    public let weight: Double
}
