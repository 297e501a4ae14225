import MMOCore

/// A checkpoint or safetensors file that cannot be read, written or used: the file and what is
/// wrong with it, shown as `PATH: message`.
public struct CheckpointError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file at fault (or, for bytes not read from a file, the name they were given).
    public var path: String
    /// What is wrong with it, without the path.
    public var message: String

    /// An error about `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// The error of a file that cannot be read or replaced.
    public init(_ error: FileError) {
        self.init(path: error.path, message: error.message)
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
