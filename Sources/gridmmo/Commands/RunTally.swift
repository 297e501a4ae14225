import MMOCore

/// Per-environment statistics of a batched run, written from the worker threads (each
/// environment's row is touched only by the thread stepping it) and summed at the end: events by
/// kind, and players alive when each episode ended.
final class RunTally: @unchecked Sendable {
    private let environments: Int
    private let counts: UnsafeMutablePointer<Int>
    private let survivors: UnsafeMutablePointer<Int>
    private static let kinds = 256

    init(environments: Int) {
        self.environments = environments
        counts = .allocate(capacity: environments * Self.kinds)
        counts.initialize(repeating: 0, count: environments * Self.kinds)
        survivors = .allocate(capacity: environments)
        survivors.initialize(repeating: 0, count: environments)
    }

    deinit {
        counts.deallocate()
        survivors.deallocate()
    }

    /// Adds one environment's tick: its events, and its survivors if the episode just ended.
    func add(environment: Int, world: World) {
        let row = counts + environment * Self.kinds
        for event in world.events.events { row[Int(event.kind.rawValue)] += 1 }
        if world.isOver { survivors[environment] += world.livingPlayers }
    }

    /// Total count of a kind over all environments.
    func total(_ kind: EventKind) -> Int {
        (0..<environments).reduce(0) { $0 + counts[$1 * Self.kinds + Int(kind.rawValue)] }
    }

    /// Players alive at the end of all finished episodes.
    var totalSurvivors: Int {
        (0..<environments).reduce(0) { $0 + survivors[$1] }
    }
}
