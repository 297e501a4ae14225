import MMOTasks

/// A curriculum task as results name it: the spec's name and its scoring category.
public struct PlannedTask: Sendable, Equatable, Codable {
    public let name: String
    public let category: ScoringCategory?

    public init(name: String, category: ScoringCategory?) {
        self.name = name
        self.category = category
    }

    /// The tasks of `curriculum`, in spec order, each in the first of its tags that names a
    /// scoring category (as `TaskScoreboard` files them).
    public static func tasks(of curriculum: Curriculum) -> [PlannedTask] {
        curriculum.specs.map { spec in
            PlannedTask(name: spec.name, category: spec.tags.lazy.compactMap(ScoringCategory.init(rawValue:)).first)
        }
    }
}
