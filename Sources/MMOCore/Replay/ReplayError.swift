/// Why a replay could not be written or read: the file and a message meant for the user, shown as
/// `FILE: message`.
public struct ReplayError: Error, CustomStringConvertible, Equatable {
    /// The replay file (or, for write failures, its temporary file).
    public var file: String
    /// What went wrong, without the file name.
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    /// The error of a replay file that cannot be read or written.
    public init(_ error: FileError) {
        self.init(file: error.path, message: error.message)
    }

    public var description: String { "\(file): \(message)" }

    /// "1 byte" or "N bytes", for messages.
    static func bytes(_ count: Int) -> String {
        count == 1 ? "1 byte" : "\(count) bytes"
    }
}
