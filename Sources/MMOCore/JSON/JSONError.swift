/// Why a document is not the strict JSON `JSONReader` accepts: where (line, column and the path of
/// keys and indices to the value being read) and what is wrong.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Keys and indices from the root to the value being read, as in `players.count` or
    /// `tasks[3].predicate`; empty at the top level.
    public let path: String
    /// 1-based line of the offending byte.
    public let line: Int
    /// 1-based column of the offending byte, counted in bytes.
    public let column: Int
    /// What is wrong, for example `a trailing comma before '}'`.
    public let problem: String

    /// `line L, column C`.
    public var location: String { "line \(line), column \(column)" }

    /// `line L, column C (in 'PATH'): PROBLEM`, the path quoted as a short excerpt.
    public var description: String {
        let place = path.isEmpty ? "" : " (in '\(path.excerpt())')"
        return "\(location)\(place): \(problem)"
    }
}
