import MMOCore

/// A list of task specs to assign from: at every reset each agent draws one spec with probability
/// proportional to its weight.
public struct Curriculum: Sendable, Equatable {
    public let specs: [TaskSpec]
    /// Running sums of the weights, for sampling.
    private let cumulativeWeights: [Double]

    /// A curriculum of `specs` (at least one, every weight > 0, their sum finite).
    public init(specs: [TaskSpec]) {
        precondition(!specs.isEmpty, "a curriculum needs at least one task")
        precondition(specs.allSatisfy { $0.weight > 0 && $0.weight.isFinite }, "task weights must be positive")
        self.specs = specs
        var total = 0.0
        cumulativeWeights = specs.map { total += $0.weight; return total }
        precondition(total.isFinite, "task weights must add up to a finite number")
    }

    /// The index of a spec drawn with probability proportional to its weight.
    public func sampleIndex(using rng: inout Rng) -> Int {
        let point = rng.unit() * cumulativeWeights[cumulativeWeights.count - 1]
        var low = 0, high = cumulativeWeights.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeWeights[middle] > point { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The default single-task curriculum: every agent's task is to stay alive until the horizon.
    public static func survival(horizon: Int) -> Curriculum {
        Curriculum(specs: [TaskSpec(name: "survive_\(horizon)", predicate: .tickGE(numTick: horizon), tags: ["survival"])])
    }
}
