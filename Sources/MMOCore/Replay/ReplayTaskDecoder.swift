/// Reads the tasks blocks of tick records (see `ReplayFormat`) into every player's label and
/// stored progress, and grows the string table from the names the records add.
///
/// Decoding a whole file starts with an empty table; seeking starts at a keyframe with the
/// complete table from loading, so names the records add are then already known and only
/// checked. Every value is validated, so a malformed block throws instead of producing a label
/// outside the table or a progress outside 0...1.
struct ReplayTaskDecoder {
    /// The string table: the labels dealt, in the order they first appeared.
    private(set) var names: [String]
    /// Per player, the string table index of its label at the last applied tick.
    private var labels: [Int]
    /// Per player, its stored progress at the last applied tick.
    private var progress: [UInt16]

    /// A decoder for `playerCount` players that starts with the string table `names`.
    init(names: [String], playerCount: Int) {
        self.names = names
        labels = [Int](repeating: 0, count: playerCount)
        progress = [UInt16](repeating: 0, count: playerCount)
    }

    /// Every player's label and progress at the last applied tick.
    var tasks: ReplayTasks {
        ReplayTasks(names: names, labels: labels, progress: progress.map(ReplayFormat.progress(quantized:)))
    }

    /// Reads a record's tasks block: a keyframe sets every player, a delta the changed ones.
    mutating func read(_ reader: inout ByteReader, keyframe: Bool) throws(ReplayError) {
        try readNewNames(&reader)
        if keyframe {
            for player in 0..<labels.count {
                labels[player] = try label(&reader, player: player)
                progress[player] = try storedProgress(&reader, player: player)
            }
            return
        }
        let count = try reader.varint()
        guard count <= UInt64(labels.count) else {
            throw reader.corrupt("\(count) players with changed tasks listed, but there are only \(labels.count)")
        }
        var player = -1
        for _ in 0..<Int(count) {
            player = try reader.nextIndex(after: player, below: labels.count, "a player with a changed task")
            let change = try reader.u8()
            let known = ReplayFormat.taskLabelChanged | ReplayFormat.taskProgressChanged
            guard change != 0, change & ~known == 0 else {
                throw reader.corrupt("player \(player) has task change mask \(change), expected 1, 2 or 3")
            }
            if change & ReplayFormat.taskLabelChanged != 0 { labels[player] = try label(&reader, player: player) }
            if change & ReplayFormat.taskProgressChanged != 0 { progress[player] = try storedProgress(&reader, player: player) }
        }
    }

    /// Reads the names a record adds: appends the new ones, checks those the table already has.
    private mutating func readNewNames(_ reader: inout ByteReader) throws(ReplayError) {
        let count = try reader.varint()
        guard count > 0 else { return }
        // Every name takes at least its length byte; a larger count cannot fit in the record.
        guard count <= UInt64(reader.remaining) else {
            throw reader.corrupt("\(count) new task names listed, more than the record can hold")
        }
        let first = try reader.varint()
        guard first <= UInt64(names.count) else {
            throw reader.corrupt("new task names start at index \(first), but the table has only \(names.count) names")
        }
        for index in Int(first)..<(Int(first) + Int(count)) {
            let length = try reader.varint()
            guard length <= UInt64(reader.remaining) else {
                throw reader.corrupt("task name \(index) is \(ReplayError.bytes(Int(clamping: length))) long, more than the record holds")
            }
            let range = try reader.range(ofNext: Int(length))
            guard let name = reader.string(in: range) else {
                throw reader.corrupt("task name \(index) is not valid UTF-8")
            }
            if index == names.count {
                names.append(name)
            } else if names[index] != name {
                throw reader.corrupt("task name \(index) is \"\(name)\" but was \"\(names[index])\" before")
            }
        }
    }

    private func label(_ reader: inout ByteReader, player: Int) throws(ReplayError) -> Int {
        let label = try reader.varint()
        guard label < UInt64(names.count) else {
            throw reader.corrupt("player \(player)'s task label \(label) is outside the string table of \(names.count) names")
        }
        return Int(label)
    }

    private func storedProgress(_ reader: inout ByteReader, player: Int) throws(ReplayError) -> UInt16 {
        let stored = try reader.varint()
        guard let value = UInt16(exactly: stored) else {
            throw reader.corrupt("player \(player)'s task progress \(stored) is outside 0...\(ReplayFormat.progressScale)")
        }
        return value
    }
}
