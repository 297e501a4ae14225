/// The events of the current tick, in the order the systems emitted them.
///
/// Cleared at the start of every tick, keeping its capacity, so appending allocates only if a tick
/// produces more events than any tick before it. Consumers (tasks, replays, statistics) read it
/// after `World.step` returns; whatever must outlive the tick they keep themselves.
public struct EventLog: Sendable {
    /// This tick's events.
    public private(set) var events: [Event] = []

    /// Creates a log with room for `capacity` events per tick.
    public init(capacity: Int) {
        events.reserveCapacity(capacity)
    }

    /// Appends one event.
    @inline(__always)
    public mutating func record(_ event: Event) {
        events.append(event)
    }

    /// Forgets this tick's events, keeping the storage.
    public mutating func clear() {
        events.removeAll(keepingCapacity: true)
    }

    /// Number of this tick's events of a kind.
    public func count(of kind: EventKind) -> Int {
        var total = 0
        for event in events where event.kind == kind { total += 1 }
        return total
    }
}
