import MMOCore

/// One integer action head: the agent picks one of `size` options, and the environment writes a
/// legality mask of `size` bytes for it each tick.
public struct ActionHead: Sendable, Equatable {
    public let name: String
    public let size: Int
    /// Offset of this head's mask within an agent's mask row.
    public let maskOffset: Int
    /// What each option means, in order.
    public let options: [String]
}

/// The action interface, described as data: heads in a fixed order. An agent's action is one
/// `Int32` per head; its mask row is the heads' masks back to back. Later issues append heads
/// (attack style and target, use, give, destroy, sell, buy, give gold, comm) without changing how
/// existing heads are read.
public struct ActionLayout: Sendable, Equatable {
    public let heads: [ActionHead]
    /// Bytes of mask per agent: the sum of head sizes.
    public let maskWidth: Int

    /// The heads for a config. Now: `move` (north, south, east, west, stay).
    public init(config: Config) {
        self.init(heads: [("move", Direction.allCases.map { String(describing: $0) })])
    }

    /// Lays heads out in order.
    public init(heads: [(name: String, options: [String])]) {
        var offset = 0
        var laidOut: [ActionHead] = []
        for head in heads {
            laidOut.append(ActionHead(name: head.name, size: head.options.count, maskOffset: offset, options: head.options))
            offset += head.options.count
        }
        self.heads = laidOut
        maskWidth = offset
    }

    /// Number of heads, the `Int32`s per agent in an action buffer.
    public var headCount: Int { heads.count }

    /// Index of the head with this name, or `nil`.
    public func headIndex(named name: String) -> Int? {
        heads.firstIndex { $0.name == name }
    }
}
