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
    /// The option that does nothing: "stay", "none", "silence", or for `attack_style` the first
    /// style (a style acts only together with a target). `attack_target`'s "none" is legal only
    /// when no target is, as in the reference.
    public let nothing: Int32
}

/// The action interface, described as data: one head per `ActionHeadKind`, in that order, built
/// from the heads' rules (`Heads/`). An agent's action is one `Int32` per head; its mask row is
/// the heads' masks back to back. Every head always has at least one legal option (its "nothing"
/// option, or for `attack_target` a target whenever "none" is masked out), so sampling from a mask
/// never fails.
public struct ActionLayout: Sendable, Equatable {
    public let heads: [ActionHead]
    /// Bytes of mask per agent: the sum of head sizes.
    public let maskWidth: Int

    /// The heads for a config.
    public init(config: Config) {
        var offset = 0
        var heads: [ActionHead] = []
        for kind in ActionHeadKind.allCases {
            let rules = kind.rules
            let options = rules.options(for: config)
            heads.append(ActionHead(name: rules.name, size: options.count, maskOffset: offset, options: options, nothing: Int32(rules.nothing(for: config))))
            offset += options.count
        }
        self.heads = heads
        maskWidth = offset
    }

    /// Number of heads, the `Int32`s per agent in an action buffer.
    public var headCount: Int { heads.count }

    /// The head of this kind (its index in an action row is `kind.rawValue`).
    public subscript(kind: ActionHeadKind) -> ActionHead { heads[kind.rawValue] }

    /// The heads as JSON text (`mask_width` and each head's name, size, mask offset and options),
    /// for Python and other readers.
    public var json: String {
        let items = heads.map { head in
            let options = head.options.map { "\"\($0)\"" }.joined(separator: ", ")
            return "    {\"name\": \"\(head.name)\", \"size\": \(head.size), \"mask_offset\": \(head.maskOffset), \"nothing\": \(head.nothing), \"options\": [\(options)]}"
        }
        return "{\n  \"mask_width\": \(maskWidth),\n  \"heads\": [\n\(items.joined(separator: ",\n"))\n  ]\n}"
    }

    /// Index of the head with this name, or `nil`.
    public func headIndex(named name: String) -> Int? {
        heads.firstIndex { $0.name == name }
    }
}
