/// Shard `index` of `count`: which share of an evaluation's batches one process plays
/// (`EvaluationPlan.batches(ofShard:of:)`).
public struct Shard: Sendable, Equatable, Codable {
    public let index: Int
    public let count: Int

    /// The whole evaluation as one shard.
    public static let whole = Shard(index: 0, count: 1)

    private init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `i/n` with `0 <= i < n`.
    public init(parsing text: String) throws(EvaluationError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, index >= 0, index < count,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { throw .malformedShard(text) }
        self.init(index: index, count: count)
    }

    /// Throws unless every shard of `count` gets at least one of `plan`'s batches.
    public func check(against plan: EvaluationPlan) throws(EvaluationError) {
        guard count <= plan.batches else { throw .tooManyShards(shards: count, batches: plan.batches) }
    }
}
