import Foundation

/// Progress of a long run on standard error: on a terminal a single self-overwriting line updated
/// once a second; in a log (not a terminal) a plain line every 15 seconds. Runs shorter than the
/// interval print nothing.
final class ProgressLine {
    private let total: Int
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastPrint: ContinuousClock.Instant
    private var printed = false
    private let terminal = isatty(STDERR_FILENO) != 0

    init(total: Int) {
        self.total = total
        start = clock.now
        lastPrint = start
    }

    /// Reports `done` ticks and the living agent-steps taken so far.
    func update(done: Int, agentSteps: Int) {
        let now = clock.now
        guard now - lastPrint >= (terminal ? .seconds(1) : .seconds(15)) else { return }
        lastPrint = now
        printed = true
        let rate = Double(agentSteps) / (now - start).seconds
        let text = "tick \(done)/\(total)  \(Int(rate)) agent-steps/s"
        FileHandle.standardError.write(Data((terminal ? "\r\(text)   " : "\(text)\n").utf8))
    }

    func finish() {
        if printed && terminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
