import MMOCore

/// Why a curriculum file could not be read, parsed or written: the file, the task entry (0-based
/// index and name, when the problem is inside one) and the problem.
public struct CurriculumError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, when the curriculum came from or goes to one.
    public var file: String?
    /// The 0-based index of the task entry at fault, if any.
    public var entry: Int?
    /// The name of the task entry at fault, when known.
    public var name: String?
    /// The problem, for example `predicate.HarvestItem: argument 'level' must be in 1...10, got 0`.
    public var message: String

    /// An error with the given place and problem.
    public init(file: String? = nil, entry: Int? = nil, name: String? = nil, message: String) {
        self.file = file
        self.entry = entry
        self.name = name
        self.message = message
    }

    /// `FILE: task INDEX 'NAME': PROBLEM`, leaving out the parts that are not known (a long name is
    /// quoted as an excerpt).
    public var description: String {
        var text = file.map { "\($0): " } ?? ""
        if let entry {
            text += "task \(entry)"
            if let name { text += " '\(name.excerpt())'" }
            text += ": "
        }
        return text + message
    }
}
