import ArgumentParser
import MMOCore

/// Records one environment's first episode into a replay file during a batched run: stops at the
/// end of that episode (before the auto-reset) or when the run ends, and keeps the first write
/// error to report it afterwards instead of failing inside a worker thread.
final class ReplayRecorder: @unchecked Sendable {
    private var writer: ReplayWriter?
    private var summary: ReplaySummary?
    private var failure: ReplayError?

    init(path: String, world: World) throws(ReplayError) {
        writer = try ReplayWriter(path: path, world: world)
    }

    /// Appends the world's latest tick while the first episode lasts.
    func record(_ world: World) {
        guard let writer else { return }
        do {
            try writer.record(world)
            if world.isOver { close() }
        } catch {
            failure = error
            self.writer = nil
        }
    }

    /// Finishes the file (if the episode has not ended yet) and says what was written.
    func finish() throws -> ReplaySummary {
        close()
        if let failure { throw ValidationError("--replay \(failure.description)") }
        return summary!
    }

    private func close() {
        guard let writer else { return }
        self.writer = nil
        do {
            summary = try writer.finish()
        } catch {
            failure = error
        }
    }
}
