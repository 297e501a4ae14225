import Foundation

/// Records one episode of a `World` into a replay file (layout in `ReplayFormat`).
///
/// Create the writer right after the world is made or reset: it writes the header and the tick-0
/// record (the spawn state and events). Call `record(_:tasks:)` after every `World.step()`, and
/// `finish()` at the end. A recording started with `tasks` stores every player's task label and
/// progress and needs them at every tick; one started without stores none. Until `finish` everything goes to `path + ".tmp"`, which `finish` then renames to
/// `path` in one atomic step, so `path` never holds a partial replay; a writer released without
/// `finish`, or stopped by a write error, deletes the temporary file. Each tick is encoded into a
/// reused buffer and written with one `write` call.
public final class ReplayWriter {
    /// Where the finished replay goes.
    public let path: String
    /// Where the replay is written until `finish`: `path + ".tmp"`.
    public let temporaryPath: String

    private enum State {
        case recording
        case finished
        case failed
    }

    private var state = State.recording
    private var descriptor: Int32 = -1
    /// Whether `temporaryPath` is this writer's file, to be deleted unless it becomes `path`.
    private var ownsTemporaryFile = false
    private var encoder: ReplayEncoder
    /// Encodes the tasks block of each record; nil when the recording has no tasks.
    private var taskEncoder: ReplayTaskEncoder?
    private var output = ByteWriter()
    private var checksum = FNV1a()
    private var bytesWritten = 0
    /// File offset of every record written so far; also the next tick's number is its count.
    private var recordOffsets: [UInt64] = []
    private let slotCount: Int
    private let mapSize: Int

    /// Starts a replay of `world`'s current episode at `path`; the world must be at tick 0. With
    /// `tasks` (one label and progress per player) every record also stores the players' tasks.
    public init(path: String, world: World, tasks: ReplayTasks? = nil) throws(ReplayError) {
        self.path = path
        temporaryPath = path + ".tmp"
        encoder = ReplayEncoder(world: world)
        taskEncoder = tasks.map { ReplayTaskEncoder(names: $0.names, playerCount: world.entities.playerCount) }
        slotCount = world.entities.capacity
        mapSize = world.size
        recordOffsets.reserveCapacity(world.config.episode.horizon + 1)
        guard world.tick == 0 else {
            throw ReplayError(file: path, message: "recording must start right after reset, but the world is at tick \(world.tick)")
        }
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ReplayError(file: temporaryPath, message: "cannot be written: \(Self.systemError())")
        }
        ownsTemporaryFile = true
        ReplayHeader(world: world, recordsTasks: tasks != nil).write(into: &output)
        try appendRecord(of: world, tasks: tasks)
    }

    deinit {
        abandon()
    }

    /// Appends the record of the world's current tick; call it after every `World.step()`, with the
    /// players' tasks when the recording was started with tasks.
    public func record(_ world: World, tasks: ReplayTasks? = nil) throws(ReplayError) {
        try requireRecording()
        guard world.tick == recordOffsets.count else {
            throw ReplayError(file: path, message: "ticks must be recorded one after another: expected tick \(recordOffsets.count), got tick \(world.tick)")
        }
        guard world.entities.capacity == slotCount, world.size == mapSize else {
            throw ReplayError(file: path, message: "the world has \(world.entities.capacity) entity slots on a \(world.size)x\(world.size) map, but the recording has \(slotCount) on \(mapSize)x\(mapSize)")
        }
        try appendRecord(of: world, tasks: tasks)
    }

    /// Writes the tick index and checksum, and moves the file from `temporaryPath` to `path`.
    public func finish() throws(ReplayError) -> ReplaySummary {
        try requireRecording()
        for offset in recordOffsets { output.u64(offset) }
        output.u32(UInt32(recordOffsets.count))
        output.append(ReplayFormat.footerMagic)
        output.bytes.withUnsafeBytes { checksum.add($0) }
        output.u64(checksum.value)
        try writeOutput()
        guard fsync(descriptor) == 0 else { throw failure(temporaryPath, "cannot be written") }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else { throw failure(temporaryPath, "cannot be written") }
        guard rename(temporaryPath, path) == 0 else { throw failure(path, "cannot be created from \(temporaryPath)") }
        ownsTemporaryFile = false
        state = .finished
        return ReplaySummary(path: path, tickCount: recordOffsets.count, byteCount: bytesWritten, checksum: checksum.value)
    }

    private func requireRecording() throws(ReplayError) {
        switch state {
        case .recording: return
        case .finished: throw ReplayError(file: path, message: "the replay is already finished")
        case .failed: throw ReplayError(file: path, message: "the replay was abandoned after an earlier error")
        }
    }

    /// Encodes and writes the record of the world's current tick and the players' tasks.
    private func appendRecord(of world: World, tasks: ReplayTasks?) throws(ReplayError) {
        if let stray = world.events.events.first(where: { $0.tick != Int32(world.tick) }) {
            throw ReplayError(file: path, message: "an event of tick \(stray.tick) is in the log of tick \(world.tick); a replay stores events under their tick")
        }
        switch (taskEncoder, tasks) {
        case (nil, nil): break
        case (nil, .some): throw ReplayError(file: path, message: "tasks given at tick \(world.tick), but the recording was started without tasks")
        case (.some, nil): throw ReplayError(file: path, message: "no tasks given at tick \(world.tick), but the recording was started with tasks")
        case let (.some(taskEncoder), .some(tasks)):
            if let problem = taskEncoder.problem(with: tasks) {
                throw ReplayError(file: path, message: "tick \(world.tick): \(problem)")
            }
        }
        recordOffsets.append(UInt64(bytesWritten + output.count))
        encoder.encode(world, into: &output)
        if let tasks { taskEncoder?.encode(tasks, keyframe: ReplayFormat.isKeyframe(tick: world.tick), into: &output) }
        output.bytes.withUnsafeBytes { checksum.add($0) }
        try writeOutput()
    }

    /// Writes the output buffer to the temporary file and empties it.
    private func writeOutput() throws(ReplayError) {
        var written = 0
        let total = output.count
        while written < total {
            let result = output.bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, total - written) }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure(temporaryPath, "cannot be written")
            }
            written += result
        }
        bytesWritten += total
        output.removeAll()
    }

    /// Stops the recording after a failed system call: the error (with the call's reason), and the
    /// temporary file removed.
    private func failure(_ file: String, _ message: String) -> ReplayError {
        let reason = Self.systemError()
        state = .failed
        abandon()
        return ReplayError(file: file, message: "\(message): \(reason)")
    }

    /// Closes the temporary file if it is open and deletes it if it is still this writer's.
    private func abandon() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        if ownsTemporaryFile {
            unlink(temporaryPath)
            ownsTemporaryFile = false
        }
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}
