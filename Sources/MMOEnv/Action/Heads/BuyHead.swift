import MMOCore

/// `buy`: a market entry (an item kind and level, `MarketBoard` order) the agent could buy now
/// (`World.canBuy`), or "none".
enum BuyHead: ActionHeadRules {
    static let name = "buy"

    static func options(for config: Config) -> [String] {
        (0..<MarketBoard.entryCount).map { entry in
            let item = MarketBoard.item(ofEntry: entry)
            return "\(item.kind.name)_\(item.level)"
        } + ["none"]
    }

    static func nothing(for config: Config) -> Int { MarketBoard.entryCount }

    static func alwaysLegal(inCombat: Bool, config: Config) -> [Int] { [nothing(for: config)] }

    static func isLegal(_ option: Int, agent: Int, world: World, shown: [Int32]) -> Bool {
        option == nothing(for: world.config) || world.canBuy(buyer: agent, entry: option)
    }

    @inline(__always)
    static func decode(_ choices: inout ActionChoices, agent: Int, shown: UnsafePointer<Int32>, into intents: Intents) {
        if let entry = choices.acting(.buy) { intents.buy[agent] = Int32(entry) }
    }
}
