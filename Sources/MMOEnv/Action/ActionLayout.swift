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

    /// The option that does nothing: "stay", "none" or "silence" (the first style for
    /// `attack_style`, which acts only together with a target).
    public var nothing: Int32 {
        if let index = options.firstIndex(where: { $0 == "stay" || $0 == "none" || $0 == "silence" }) { return Int32(index) }
        return 0
    }
}

/// The action interface, described as data: heads in a fixed order. An agent's action is one
/// `Int32` per head; its mask row is the heads' masks back to back. Every head always has at least
/// one legal option (a "nothing" option, except `attack_target`, whose "none" is legal only when no
/// target is, as in the reference), so sampling from a mask never fails. Heads are found by name,
/// so adding heads does not change how existing ones are read.
public struct ActionLayout: Sendable, Equatable {
    public let heads: [ActionHead]
    /// Bytes of mask per agent: the sum of head sizes.
    public let maskWidth: Int

    /// The heads for a config, in this order: `move`; `attack_style` and `attack_target` (an
    /// entity row, last option = no attack); `use`, `destroy`, `give_item` (an inventory slot, last
    /// option = nothing) and `give_target` (an entity row, last = nobody); `sell_item` (slot, last =
    /// nothing) and `sell_price` (0 = nothing, else the price); `buy` (a market entry, last =
    /// nothing); `give_gold_amount` (0 = nothing) and `give_gold_target`; `comm` (0 = silence).
    public init(config: Config) {
        let rows = config.observation.entities
        let slots = config.items.inventorySize
        let maxPrice = config.exchange.maxPrice
        func numbered(_ prefix: String, _ count: Int, last: String) -> [String] {
            (0..<count).map { "\(prefix)\($0)" } + [last]
        }
        self.init(heads: [
            ("move", Direction.allCases.map { String(describing: $0) }),
            ("attack_style", CombatStyle.allCases.map { String(describing: $0) }),
            ("attack_target", numbered("entity_", rows, last: "none")),
            ("use", numbered("slot_", slots, last: "none")),
            ("destroy", numbered("slot_", slots, last: "none")),
            ("give_item", numbered("slot_", slots, last: "none")),
            ("give_target", numbered("entity_", rows, last: "none")),
            ("sell_item", numbered("slot_", slots, last: "none")),
            ("sell_price", ["none"] + (1...maxPrice).map { "price_\($0)" }),
            ("buy", (0..<MarketBoard.entryCount).map { entry in
                let item = MarketBoard.item(ofEntry: entry)
                return "\(item.kind.name)_\(item.level)"
            } + ["none"]),
            ("give_gold_amount", ["none"] + (1...maxPrice).map { "gold_\($0)" }),
            ("give_gold_target", numbered("entity_", rows, last: "none")),
            ("comm", ["silence"] + (1...max(config.comm.tokens, 1)).map { "token_\($0)" }),
        ])
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
