import MMOTasks

/// What one agent achieved in one evaluation episode: the entrant that controlled it, the task it
/// was dealt (by name, with the task's scoring category, `nil` when it has none), and the best
/// progress it reached on that task, 0 to 1.
public struct EpisodeResult: Sendable, Equatable {
    public var entrant: String
    public var task: String
    public var category: ScoringCategory?
    public var progress: Float

    public init(entrant: String, task: String, category: ScoringCategory?, progress: Float) {
        self.entrant = entrant
        self.task = task
        self.category = category
        self.progress = progress
    }
}
