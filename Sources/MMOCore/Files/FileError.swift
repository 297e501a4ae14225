import Foundation

/// A file that cannot be read, written or replaced: the path and a message for the user, shown
/// as `PATH: message`. Each reader and writer passes it on in its own error type.
public struct FileError: Error, CustomStringConvertible, Equatable {
    /// The file at fault.
    public var path: String
    /// What is wrong with it, without the path.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }

    /// The error of a failed system call on `path`: "`action`: the system's reason".
    static func system(_ path: String, _ action: String) -> FileError {
        FileError(path: path, message: "\(action): \(String(cString: strerror(errno)))")
    }
}
