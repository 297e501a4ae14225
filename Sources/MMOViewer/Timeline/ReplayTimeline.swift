import MMOCore

/// What the viewer needs to know about every tick up front, gathered in one pass over the
/// replay: the population curve for the timeline, each tick's events for the ticker and attack
/// lines, and where and when entities died.
public struct ReplayTimeline: Sendable {
    /// A death: who, when and on which tile.
    public struct Death: Sendable, Equatable {
        public var tick: Int
        public var slot: Int
        public var row: Int
        public var col: Int
    }

    /// Living players at each tick.
    public let playersAlive: [Int]
    /// Living NPCs at each tick.
    public let npcsAlive: [Int]
    /// Each tick's events.
    public let events: [[Event]]
    /// Every death in tick order.
    public let deaths: [Death]
    /// The largest `playersAlive`, at least 1 (the timeline's vertical scale).
    public let peakPlayers: Int

    /// Reads every frame of `replay` once.
    public init(replay: Replay) {
        var players: [Int] = []
        var npcs: [Int] = []
        var events: [[Event]] = []
        var deaths: [Death] = []
        players.reserveCapacity(replay.tickCount)
        for tick in 0..<replay.tickCount {
            let frame = replay.frame(at: tick)
            var livingPlayers = 0, livingNPCs = 0
            for entity in frame.entities where entity.alive {
                if entity.kind == .player { livingPlayers += 1 } else { livingNPCs += 1 }
            }
            players.append(livingPlayers)
            npcs.append(livingNPCs)
            events.append(frame.events)
            for event in frame.events where event.kind == .death && frame.entities.indices.contains(Int(event.entity)) {
                let entity = frame.entities[Int(event.entity)]
                deaths.append(Death(tick: tick, slot: Int(event.entity), row: Int(entity.row), col: Int(entity.col)))
            }
        }
        playersAlive = players
        npcsAlive = npcs
        self.events = events
        self.deaths = deaths
        peakPlayers = max(players.max() ?? 1, 1)
    }

    /// Deaths in the `window` ticks up to and including `tick`.
    public func recentDeaths(at tick: Int, window: Int) -> ArraySlice<Death> {
        let lower = deaths.partitionIndex { $0.tick > tick - window }
        let upper = deaths.partitionIndex { $0.tick > tick }
        return deaths[lower..<max(lower, upper)]
    }

    /// The last `count` events up to and including `tick`, newest first, with their ticks.
    public func recentEvents(at tick: Int, count: Int) -> [Event] {
        var result: [Event] = []
        var current = min(tick, events.count - 1)
        while current >= 0 && result.count < count {
            for event in events[current].reversed() where result.count < count { result.append(event) }
            current -= 1
        }
        return result
    }
}
