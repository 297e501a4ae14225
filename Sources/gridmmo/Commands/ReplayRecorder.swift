import ArgumentParser
import Foundation
import MMOCore

/// Records one environment's first episode into a replay file during a batched run: stops at the
/// end of that episode (before the auto-reset) or when the run ends, and keeps the first write
/// error to report it afterwards instead of failing inside a worker thread.
final class ReplayRecorder: @unchecked Sendable {
    private let path: String
    private var writer: ReplayWriter?
    private var ticks = 1
    private var failure: ReplayError?

    init(path: String, world: World) throws(ReplayError) {
        self.path = path
        writer = try ReplayWriter(path: path, world: world)
    }

    /// Appends the world's latest tick while the first episode lasts.
    func record(_ world: World) {
        guard let writer else { return }
        do {
            try writer.record(world)
            ticks += 1
            if world.isOver { try close() }
        } catch {
            failure = error
            self.writer = nil
        }
    }

    /// Finishes the file; returns its path, size in bytes and number of tick records.
    func finish() throws -> (path: String, bytes: Int, ticks: Int) {
        if failure == nil { try? close() }
        if let failure { throw ValidationError("--replay \(failure.description)") }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (path, (attributes[.size] as? Int) ?? 0, ticks)
    }

    private func close() throws(ReplayError) {
        guard let writer else { return }
        self.writer = nil
        do {
            _ = try writer.finish()
        } catch {
            failure = error
            throw error
        }
    }
}
