/// Records one episode of a `World` into a replay file (layout in `ReplayFormat`).
///
/// Create the writer right after the world is made or reset: it writes the header and the tick-0
/// record (the spawn state and events). Call `record(_:tasks:)` after every `World.step()`, and
/// `finish()` at the end. A recording started with `tasks` stores every player's task label and
/// progress and needs them at every tick; one started without stores none. Until `finish`
/// everything goes to a temporary file of this writer's own beside `path` (`AtomicFile`), which
/// `finish` then renames to `path` in one atomic step, so `path` never holds a partial replay; a
/// `path` that exists but is not a regular file is refused at once. A writer released without
/// `finish`, stopped by a write error or interrupted by SIGINT or SIGTERM (in `gridmmo`) deletes
/// the temporary file. Each tick is encoded into a reused buffer and fed to the block's zlib
/// stream; every `keyframeInterval` ticks the finished block is written with two `write` calls.
/// A tick whose record would be longer than the format allows (`ReplaySizeLimit`), or that lies
/// beyond the episode's horizon, is refused, so every file written can be read.
public final class ReplayWriter {
    /// Where the finished replay goes.
    public let path: String
    /// Where the replay is written until `finish`: `.NAME.<pid>.<random>.tmp` beside `path`.
    public var temporaryPath: String { file.temporaryPath }

    private enum State {
        case recording
        case finished
        case failed
    }

    private var state = State.recording
    private let file: AtomicFile
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
    /// The last tick of the episode.
    private let horizon: Int
    /// The longest record the format allows for this world.
    private let recordLimit: Int

    /// Starts a replay of `world`'s current episode at `path`; the world must be at tick 0. With
    /// `tasks` (one label and progress per player) every record also stores the players' tasks.
    public init(path: String, world: World, tasks: ReplayTasks? = nil) throws(ReplayError) {
        self.path = path
        encoder = ReplayEncoder(world: world)
        taskEncoder = tasks.map { ReplayTaskEncoder(names: $0.names, playerCount: world.entities.playerCount) }
        slotCount = world.entities.capacity
        mapSize = world.size
        horizon = world.config.episode.horizon
        recordLimit = ReplaySizeLimit(
            slotCount: slotCount, inventorySlots: world.inventory.slots, mapSize: mapSize, horizon: horizon,
            version: Int(ReplayFormat.version), headerSize: 0
        ).recordBytes
        blockOffsets.reserveCapacity(horizon / ReplayFormat.keyframeInterval + 1)
        guard world.tick == 0 else {
            throw ReplayError(file: path, message: "recording must start right after reset, but the world is at tick \(world.tick)")
        }
        guard let compressor = ReplayBlockCompressor(level: ReplayFormat.compressionLevel) else {
            throw ReplayError(file: path, message: "cannot be compressed: zlib could not allocate its state")
        }
        self.compressor = compressor
        do {
            file = try AtomicFile(replacing: path)
        } catch {
            throw ReplayError(error)
        }
        ReplayHeader(world: world, recordsTasks: tasks != nil).write(into: &output)
        try writeOutput()
        try appendRecord(of: world, tasks: tasks)
    }

    /// Appends the record of the world's current tick; call it after every `World.step()`, with the
    /// players' tasks when the recording was started with tasks.
    public func record(_ world: World, tasks: ReplayTasks? = nil) throws(ReplayError) {
        try requireRecording()
        guard world.tick == recordCount else {
            throw ReplayError(file: path, message: "ticks must be recorded one after another: expected tick \(recordCount), got tick \(world.tick)")
        }
        guard world.tick <= horizon else {
            throw ReplayError(file: path, message: "tick \(world.tick) lies beyond the episode's horizon \(horizon), which a replay cannot hold")
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
        do {
            try file.commit()
        } catch {
            throw failure(error)
        }
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
        guard recordLength <= recordLimit else {
            output.removeAll()
            throw ReplayError(file: path, message: "the record of tick \(world.tick) is \(ReplayError.bytes(recordLength)) long, more than the \(recordLimit) the format allows for this world")
        }
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
        try writeAll(compressor.finishBlock())
    }

    /// Writes the output buffer to the temporary file and empties it.
    private func writeOutput() throws(ReplayError) {
        try output.bytes.withUnsafeBytes { bytes in Result { () throws(ReplayError) in try writeAll(bytes) } }.get()
        output.removeAll()
    }

    /// Writes `bytes` to the temporary file and adds them to the checksum.
    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(ReplayError) {
        do {
            try file.append(bytes)
        } catch {
            throw failure(error)
        }
        checksum.add(bytes)
        bytesWritten += bytes.count
    }

    /// Stops the recording after the file failed (which has deleted the temporary file).
    private func failure(_ error: FileError) -> ReplayError {
        state = .failed
        return ReplayError(error)
    }
}
