/// Turns each tick's `ReplayTasks` into the tasks block of its record (see `ReplayFormat`): names
/// join the file's string table the first time a player carries them, keyframes list every
/// player's label and progress, deltas only the players whose label or stored progress changed.
///
/// It keeps the labels and stored progress of the last encoded tick and a scratch buffer that
/// keeps its storage, so encoding allocates only while the string table or a buffer grows.
struct ReplayTaskEncoder {
    /// The caller's names, which `ReplayTasks.labels` index.
    private let names: [String]
    /// Per caller name, its index in the file's string table, or -1 while it has not appeared.
    private var tableIndexOfName: [Int32]
    /// Names in the file's string table so far.
    private var tableCount = 0
    /// Per player, the string table index of its label as of the last encoded tick.
    private var labels: [Int32]
    /// Per player, its stored progress as of the last encoded tick.
    private var progress: [UInt16]
    /// Caller names that join the string table in the record being encoded.
    private var newNames: [Int] = []
    /// The entries of the changed players, which follow their count in a delta record.
    private var changedPlayers = ByteWriter()

    /// An encoder for `playerCount` players labelled from `names`.
    init(names: [String], playerCount: Int) {
        self.names = names
        tableIndexOfName = [Int32](repeating: -1, count: names.count)
        labels = [Int32](repeating: -1, count: playerCount)
        progress = [UInt16](repeating: 0, count: playerCount)
    }

    /// Why `tasks` cannot be recorded, or nil when it can: one label and one progress in 0...1 per
    /// player, labels within the names the recording started with.
    func problem(with tasks: ReplayTasks) -> String? {
        guard tasks.names == names else {
            return "the task names differ from the \(names.count) the recording started with"
        }
        guard tasks.labels.count == labels.count, tasks.progress.count == labels.count else {
            return "tasks are given for \(tasks.labels.count) labels and \(tasks.progress.count) progress values, but the replay has \(labels.count) players"
        }
        for player in 0..<labels.count {
            guard names.indices.contains(tasks.labels[player]) else {
                return "player \(player)'s task label \(tasks.labels[player]) is outside the \(names.count) task names"
            }
            guard (0...1).contains(tasks.progress[player]) else {
                return "player \(player)'s task progress \(tasks.progress[player]) is outside 0...1"
            }
        }
        return nil
    }

    /// Appends the tasks block of a record; `tasks` must have passed `problem(with:)`.
    mutating func encode(_ tasks: ReplayTasks, keyframe: Bool, into writer: inout ByteWriter) {
        encodeNewNames(tasks, into: &writer)
        if keyframe {
            for player in 0..<labels.count {
                labels[player] = tableIndexOfName[tasks.labels[player]]
                progress[player] = ReplayFormat.quantize(progress: tasks.progress[player])
                writer.varint(UInt64(labels[player]))
                writer.varint(UInt64(progress[player]))
            }
            return
        }
        changedPlayers.removeAll()
        var changedCount = 0
        var previousPlayer = -1
        for player in 0..<labels.count {
            let label = tableIndexOfName[tasks.labels[player]]
            let stored = ReplayFormat.quantize(progress: tasks.progress[player])
            var change: UInt8 = 0
            if label != labels[player] { change |= ReplayFormat.taskLabelChanged }
            if stored != progress[player] { change |= ReplayFormat.taskProgressChanged }
            guard change != 0 else { continue }
            changedPlayers.varint(UInt64(player - previousPlayer - 1))
            changedPlayers.u8(change)
            if label != labels[player] { changedPlayers.varint(UInt64(label)) }
            if stored != progress[player] { changedPlayers.varint(UInt64(stored)) }
            labels[player] = label
            progress[player] = stored
            previousPlayer = player
            changedCount += 1
        }
        writer.varint(UInt64(changedCount))
        writer.append(changedPlayers.bytes)
    }

    /// Adds the labels no earlier record carried to the string table, and writes them.
    private mutating func encodeNewNames(_ tasks: ReplayTasks, into writer: inout ByteWriter) {
        newNames.removeAll(keepingCapacity: true)
        let firstNew = tableCount
        for label in tasks.labels where tableIndexOfName[label] < 0 {
            tableIndexOfName[label] = Int32(tableCount)
            tableCount += 1
            newNames.append(label)
        }
        writer.varint(UInt64(newNames.count))
        guard !newNames.isEmpty else { return }
        writer.varint(UInt64(firstNew))
        for label in newNames {
            writer.varint(UInt64(names[label].utf8.count))
            writer.append(names[label].utf8)
        }
    }
}
