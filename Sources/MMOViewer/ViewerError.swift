/// Why the viewer cannot do what it was asked: a message meant for the user, naming the file,
/// flag or value at fault.
public struct ViewerError: Error, CustomStringConvertible, Equatable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    /// The error of a build without the `Viewer` trait.
    public static let unavailable = ViewerError("this gridmmo was built without the viewer; rebuild with `swift build --traits Viewer`")
}
