/// A map file, map directory or manifest that cannot be read, written or used; names the file.
public struct MapFileError: Error, CustomStringConvertible, Equatable {
    /// The file or directory at fault.
    public var path: String
    /// What is wrong with it.
    public var message: String

    /// An error about `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// The error of a map file that cannot be read or replaced.
    public init(_ error: FileError) {
        self.init(path: error.path, message: error.message)
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
