import Foundation

/// Records one episode of a `World` into a replay file (layout in `ReplayFormat`).
///
/// Create the writer right after the world is made or reset: it writes the header and the tick-0
/// record (the spawn state and events). Call `record(_:tasks:)` after every `World.step()`, and
/// `finish()` at the end. A recording started with `tasks` stores every player's task label and
/// progress and needs them at every tick; one started without stores none. Until `finish` everything goes to `path + ".tmp"`, which `finish` then renames to
/// `path` in one atomic step, so `path` never holds a partial replay; a writer released without
/// `finish`, or stopped by a write error, deletes the temporary file. Each tick is encoded into a
/// reused buffer and fed to the block's zlib stream; every `keyframeInterval` ticks the finished
/// block is written with two `write` calls.
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
    /// The record being encoded, then the header or footer of what is written next.
    private var output = ByteWriter()
    /// The current block's records, each behind its length.
    private let compressor: ReplayBlockCompressor
    private var checksum = FNV1a()
    private var bytesWritten = 0
    /// Number of records written so far, which is also the next tick's number.
    private var recordCount = 0
    /// File offset of every block written so far.
    private var blockOffsets: [UInt64] = []
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
        blockOffsets.reserveCapacity(world.config.episode.horizon / ReplayFormat.keyframeInterval + 1)
        guard world.tick == 0 else {
            throw ReplayError(file: path, message: "recording must start right after reset, but the world is at tick \(world.tick)")
        }
        guard let compressor = ReplayBlockCompressor(level: ReplayFormat.compressionLevel) else {
            throw ReplayError(file: path, message: "cannot be compressed: zlib could not allocate its state")
        }
        self.compressor = compressor
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ReplayError(file: temporaryPath, message: "cannot be written: \(Self.systemError())")
        }
        ownsTemporaryFile = true
        ReplayHeader(world: world, recordsTasks: tasks != nil).write(into: &output)
        try writeOutput()
        try appendRecord(of: world, tasks: tasks)
    }

    deinit {
        abandon()
    }

    /// Appends the record of the world's current tick; call it after every `World.step()`, with the
    /// players' tasks when the recording was started with tasks.
    public func record(_ world: World, tasks: ReplayTasks? = nil) throws(ReplayError) {
        try requireRecording()
        guard world.tick == recordCount else {
            throw ReplayError(file: path, message: "ticks must be recorded one after another: expected tick \(recordCount), got tick \(world.tick)")
        }
        guard world.entities.capacity == slotCount, world.size == mapSize else {
            throw ReplayError(file: path, message: "the world has \(world.entities.capacity) entity slots on a \(world.size)x\(world.size) map, but the recording has \(slotCount) on \(mapSize)x\(mapSize)")
        }
        try appendRecord(of: world, tasks: tasks)
    }

    /// Writes the last block, the block index and checksum, and moves the file from
    /// `temporaryPath` to `path`.
    public func finish() throws(ReplayError) -> ReplaySummary {
        try requireRecording()
        if compressor.uncompressedCount > 0 { try writeBlock() }
        for offset in blockOffsets { output.u64(offset) }
        output.u32(UInt32(recordCount))
        output.append(ReplayFormat.footerMagic)
        try writeOutput()
        let fileChecksum = checksum.value
        output.u64(fileChecksum)
        try writeOutput()
        guard fsync(descriptor) == 0 else { throw failure(temporaryPath, "cannot be written") }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else { throw failure(temporaryPath, "cannot be written") }
        guard rename(temporaryPath, path) == 0 else { throw failure(path, "cannot be created from \(temporaryPath)") }
        ownsTemporaryFile = false
        state = .finished
        return ReplaySummary(path: path, tickCount: recordCount, byteCount: bytesWritten, checksum: fileChecksum)
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
        encoder.encode(world, into: &output)
        if let tasks { taskEncoder?.encode(tasks, keyframe: ReplayFormat.isKeyframe(tick: world.tick), into: &output) }
        // The block holds each record behind its length: the length goes after the record in
        // `output`, and into the block first.
        let recordLength = output.count
        output.varint(UInt64(recordLength))
        output.bytes.withUnsafeBytes { record in
            compressor.append(UnsafeRawBufferPointer(rebasing: record[recordLength...]))
            compressor.append(UnsafeRawBufferPointer(rebasing: record[..<recordLength]))
        }
        output.removeAll()
        recordCount += 1
        if recordCount % ReplayFormat.keyframeInterval == 0 { try writeBlock() }
    }

    /// Writes the current block: its decompressed size, then its zlib data.
    private func writeBlock() throws(ReplayError) {
        blockOffsets.append(UInt64(bytesWritten))
        output.varint(UInt64(compressor.uncompressedCount))
        try writeOutput()
        defer { compressor.startNextBlock() }
        guard writeAll(compressor.finishBlock()) else { throw failure(temporaryPath, "cannot be written") }
    }

    /// Writes the output buffer to the temporary file and empties it.
    private func writeOutput() throws(ReplayError) {
        guard output.bytes.withUnsafeBytes({ writeAll($0) }) else { throw failure(temporaryPath, "cannot be written") }
        output.removeAll()
    }

    /// Writes `bytes` to the temporary file and adds them to the checksum; false (with `errno`
    /// saying why) when the system refuses.
    private func writeAll(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var written = 0
        while written < bytes.count {
            let result = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                return false
            }
            written += result
        }
        checksum.add(bytes)
        bytesWritten += bytes.count
        return true
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
