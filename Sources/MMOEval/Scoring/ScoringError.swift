/// Why a set of episode results cannot be scored.
public enum ScoringError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A progress value outside 0...1 (or not a number).
    case progressOutOfRange(entrant: String, task: String, progress: Float)
    /// One task name given with two different categories.
    case conflictingCategory(task: String)

    public var description: String {
        switch self {
        case let .progressOutOfRange(entrant, task, progress):
            "entrant \"\(entrant)\", task \"\(task)\": progress \(progress) is not in 0...1"
        case let .conflictingCategory(task):
            "task \"\(task)\" is given with two different scoring categories"
        }
    }
}
