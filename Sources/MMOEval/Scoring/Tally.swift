import MMOTasks

/// The three measures of a group of agent-episodes as plain numbers, before intervals: the
/// completed fraction, the mean progress and the fraction at or above the partial threshold.
struct Tally: Sendable, Equatable {
    var score = 0.0
    var meanProgress = 0.0
    var partialFraction = 0.0

    /// The measures, in `Measures` order, for reading them one at a time.
    static var fields: [WritableKeyPath<Tally, Double>] { [\.score, \.meanProgress, \.partialFraction] }

    /// The measures of the progress values `progress[index(0)]`, ..., `progress[index(count - 1)]`
    /// (all of them, or one bootstrap draw of them). `count` must be positive.
    init(count: Int, progress: [Float], index: (Int) -> Int) {
        var completed = 0
        var partial = 0
        var sum = 0.0
        for draw in 0..<count {
            let value = progress[index(draw)]
            if value >= 1 { completed += 1 }
            if value >= TaskScoreboard.partialThreshold { partial += 1 }
            sum += Double(value)
        }
        score = Double(completed) / Double(count)
        meanProgress = sum / Double(count)
        partialFraction = Double(partial) / Double(count)
    }

    /// The mean of each measure over `tallies`, times `scale`; zeros when `tallies` is empty.
    init(meanOf tallies: some Collection<Tally>, scale: Double = 1) {
        guard !tallies.isEmpty else { return }
        for field in Self.fields {
            self[keyPath: field] = tallies.reduce(0) { $0 + $1[keyPath: field] } / Double(tallies.count) * scale
        }
    }
}
