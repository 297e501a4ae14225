import MMOCore
import MMOTasks

/// Scores evaluation results as the Neural MMO 2023 competition did, with bootstrap intervals.
///
/// Per entrant and task: the fraction of agent-episodes that completed (the competition's score),
/// the mean progress and the fraction at progress 0.3 or more. Per scoring category: the mean of
/// its tasks' values. In total: the mean over the categories present, times 100.
///
/// Every value gets a percentile bootstrap interval (`PercentileInterval`) from `resamples`
/// replicates. A replicate redraws, for each of the entrant's tasks, as many agent-episodes as the
/// task had, with replacement from that task's own, then computes every value as above; so task,
/// category and total intervals come from the same replicates. Each entrant draws from its own
/// `Rng`, seeded from `seed` and the entrant's name, so its numbers depend only on its own results
/// and the seed: not on their order, nor on which other entrants are scored with it.
public struct Scorer: Sendable {
    /// The generator seed for the bootstrap.
    public var seed: UInt64
    /// Bootstrap replicates per entrant.
    public var resamples: Int
    /// The intervals' coverage, between 0 and 1.
    public var confidence: Double

    public init(seed: UInt64, resamples: Int = 1_000, confidence: Double = 0.95) {
        precondition(resamples > 0, "the bootstrap needs at least one resample, not \(resamples)")
        precondition(confidence > 0 && confidence < 1, "confidence must be between 0 and 1, not \(confidence)")
        self.seed = seed
        self.resamples = resamples
        self.confidence = confidence
    }

    /// One evaluation per entrant in `results`, sorted by entrant name.
    public func evaluate(_ results: [EpisodeResult]) throws(ScoringError) -> [EntrantEvaluation] {
        for result in results where !(result.progress >= 0 && result.progress <= 1) {
            throw .progressOutOfRange(entrant: result.entrant, task: result.task, progress: result.progress)
        }
        let byTask = results.sorted { $0.task < $1.task }
        for (first, second) in zip(byTask, byTask.dropFirst()) where first.task == second.task && first.category != second.category {
            throw .conflictingCategory(task: first.task)
        }
        let ordered = results.sorted { ($0.entrant, $0.task, $0.progress) < ($1.entrant, $1.task, $1.progress) }
        return Self.runs(of: ordered[...], by: \.entrant).map { entrant in
            let tasks = Self.runs(of: entrant, by: \.task).map {
                TaskSample(task: $0[$0.startIndex].task, category: $0[$0.startIndex].category, progress: $0.map(\.progress))
            }
            return evaluate(entrant: entrant[entrant.startIndex].entrant, tasks: tasks)
        }
    }

    /// The runs of consecutive elements of `sorted` with equal `key`, in order.
    private static func runs(of sorted: ArraySlice<EpisodeResult>, by key: KeyPath<EpisodeResult, String>) -> [ArraySlice<EpisodeResult>] {
        var runs: [ArraySlice<EpisodeResult>] = []
        var start = sorted.startIndex
        while start < sorted.endIndex {
            let value = sorted[start][keyPath: key]
            let end = sorted[start...].firstIndex { $0[keyPath: key] != value } ?? sorted.endIndex
            runs.append(sorted[start..<end])
            start = end
        }
        return runs
    }

    /// One entrant's agent-episodes on one task; `progress` ascending.
    private struct TaskSample {
        let task: String
        let category: ScoringCategory?
        let progress: [Float]
    }

    /// The scores of one entrant with its `tasks` (sorted by name).
    private func evaluate(entrant: String, tasks: [TaskSample]) -> EntrantEvaluation {
        let groups = ScoringCategory.allCases.compactMap { category -> (ScoringCategory, [Int])? in
            let members = tasks.indices.filter { tasks[$0].category == category }
            return members.isEmpty ? nil : (category, members)
        }
        func aggregate(_ taskTallies: [Tally]) -> (categories: [Tally], total: Tally) {
            let categories = groups.map { Tally(meanOf: $0.1.map { taskTallies[$0] }) }
            return (categories, Tally(meanOf: categories, scale: 100))
        }

        let taskPoints = tasks.map { sample in Tally(count: sample.progress.count, progress: sample.progress) { $0 } }
        let points = aggregate(taskPoints)
        var rng = Rng(seed: SplitMix64.mix(seed ^ Array(entrant.utf8).withUnsafeBytes { FNV1a.hash($0) }))
        var taskReplicates = Array(repeating: [Tally](), count: tasks.count)
        var categoryReplicates = Array(repeating: [Tally](), count: groups.count)
        var totalReplicates: [Tally] = []
        for _ in 0..<resamples {
            let drawn = tasks.map { sample in
                Tally(count: sample.progress.count, progress: sample.progress) { _ in rng.below(sample.progress.count) }
            }
            let replicate = aggregate(drawn)
            for task in tasks.indices { taskReplicates[task].append(drawn[task]) }
            for group in groups.indices { categoryReplicates[group].append(replicate.categories[group]) }
            totalReplicates.append(replicate.total)
        }

        let interval = PercentileInterval(confidence: confidence)
        return EntrantEvaluation(
            entrant: entrant,
            episodes: tasks.reduce(0) { $0 + $1.progress.count },
            tasks: tasks.indices.map { task in
                TaskEvaluation(
                    task: tasks[task].task, category: tasks[task].category, episodes: tasks[task].progress.count,
                    measures: interval.measures(taskPoints[task], replicates: taskReplicates[task])
                )
            },
            categories: groups.indices.map { group in
                CategoryEvaluation(
                    category: groups[group].0, tasks: groups[group].1.count,
                    measures: interval.measures(points.categories[group], replicates: categoryReplicates[group])
                )
            },
            total: interval.measures(points.total, replicates: totalReplicates)
        )
    }
}
