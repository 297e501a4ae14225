import Foundation

/// A single self-overwriting progress line on standard error, updated at most once a second and
/// only for runs that last longer than that.
final class ProgressLine {
    private let total: Int
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastPrint: ContinuousClock.Instant
    private var printed = false

    init(total: Int) {
        self.total = total
        start = clock.now
        lastPrint = start
    }

    func update(done: Int, agentSteps: Int) {
        let now = clock.now
        guard now - lastPrint >= .seconds(1) else { return }
        lastPrint = now
        printed = true
        let rate = Double(agentSteps) / (now - start).seconds
        FileHandle.standardError.write(Data("\rtick \(done)/\(total)  \(Int(rate)) agent-steps/s   ".utf8))
    }

    func finish() {
        if printed { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
