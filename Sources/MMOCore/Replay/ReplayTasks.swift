/// Per-player task annotations of one tick, as a replay of format 3 records them: each player's
/// label (an index into `names`, for example the name of the task the player was dealt) and
/// progress in 0...1.
///
/// Writing, the caller fills one of these each tick and hands it to `ReplayWriter`; `names` must
/// stay the same for the whole recording. Reading, `ReplayFrame.tasks` holds one whose `names` is
/// the replay's string table: the labels that were dealt, in the order they first appeared.
public struct ReplayTasks: Sendable, Equatable {
    /// Every label a player can carry.
    public var names: [String]
    /// Per player, the index of its label in `names`.
    public var labels: [Int]
    /// Per player, its progress in 0...1.
    public var progress: [Float]

    /// Annotations for `playerCount` players, each with label 0 and progress 0.
    public init(names: [String], playerCount: Int) {
        self.init(names: names, labels: [Int](repeating: 0, count: playerCount), progress: [Float](repeating: 0, count: playerCount))
    }

    /// Annotations with the given labels and progress, one of each per player.
    public init(names: [String], labels: [Int], progress: [Float]) {
        self.names = names
        self.labels = labels
        self.progress = progress
    }

    /// The label of `player`.
    public func name(ofPlayer player: Int) -> String {
        names[labels[player]]
    }

    /// Players whose progress has reached 1.
    public var completedCount: Int {
        progress.count(where: { $0 >= 1 })
    }
}
