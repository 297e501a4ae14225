import MMOCore

/// Counts events by kind per environment, written from the worker threads (each environment's
/// row is touched only by the thread stepping it) and summed at the end.
final class EventTally: @unchecked Sendable {
    private let environments: Int
    private let counts: UnsafeMutablePointer<Int>
    private static let kinds = 256

    init(environments: Int) {
        self.environments = environments
        counts = .allocate(capacity: environments * Self.kinds)
        counts.initialize(repeating: 0, count: environments * Self.kinds)
    }

    deinit { counts.deallocate() }

    /// Adds one environment's events of this tick.
    func add(environment: Int, events: [Event]) {
        let row = counts + environment * Self.kinds
        for event in events { row[Int(event.kind.rawValue)] += 1 }
    }

    /// Total count of a kind over all environments.
    func total(_ kind: EventKind) -> Int {
        (0..<environments).reduce(0) { $0 + counts[$1 * Self.kinds + Int(kind.rawValue)] }
    }
}
