/// Debugging aids for the interactive viewer, so it can be driven without a person (under Xvfb):
/// keys pressed at the start, a time limit and a screenshot of the last frame.
public struct InteractiveDebug: Sendable, Equatable {
    /// Keys pressed, in order, before the first frame.
    public var keys: [Key] = []
    /// Close the window after this many seconds.
    public var exitAfterSeconds: Double?
    /// Write the last frame shown to this PNG file when the window closes.
    public var screenshotPath: String?

    public init(keys: [Key] = [], exitAfterSeconds: Double? = nil, screenshotPath: String? = nil) {
        self.keys = keys
        self.exitAfterSeconds = exitAfterSeconds
        self.screenshotPath = screenshotPath
    }
}
