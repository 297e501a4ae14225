/// One task of a curriculum: a goal (`predicate`), who it is evaluated for and rewarded
/// (`rewardTo`), how often it is drawn (`weight`), and what kind of task it is (`tags`, for
/// scoring by category).
public struct TaskSpec: Sendable, Equatable {
    /// Who the predicate is evaluated for, and who receives the reward.
    public enum RewardTarget: String, Sendable, Equatable, CaseIterable {
        /// The assigned agent alone.
        case agent
        /// The assigned agent's team (every member is assigned the same task and shares its reward).
        case team
    }

    /// Unique name within its curriculum, for example `harvest_whetstone_l3_q5`.
    public var name: String
    public var predicate: TaskPredicate
    public var rewardTo: RewardTarget
    /// Relative sampling weight (> 0).
    public var weight: Double
    /// Categories, such as `survival`, `combat`, `exploration`, `skill`, `item`, `market`.
    public var tags: [String]

    public init(name: String, predicate: TaskPredicate, rewardTo: RewardTarget = .agent, weight: Double = 1, tags: [String] = []) {
        self.name = name
        self.predicate = predicate
        self.rewardTo = rewardTo
        self.weight = weight
        self.tags = tags
    }
}
