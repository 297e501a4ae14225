import MMOCore

/// `sell_price`: "none" or a listing price, every price legal while the market is on and the agent
/// is out of combat (as `Market.list` requires). Decodes the pair with `sell_item`: an item is
/// listed only when both choices are legal and neither is "none".
enum SellPriceHead: AmountHead {
    static let name = "sell_price"
    static let optionPrefix = "price_"

    static func alwaysLegal(inCombat: Bool, config: Config) -> [Int] {
        config.exchange.enabled && !inCombat ? Array(0...config.exchange.maxPrice) : [nothing(for: config)]
    }

    static func isLegal(_ option: Int, agent: Int, world: World, shown: [Int32]) -> Bool {
        option == nothing(for: world.config) || world.config.exchange.enabled && !world.inCombat(agent)
    }

    @inline(__always)
    static func decode(_ choices: inout ActionChoices, agent: Int, shown: UnsafePointer<Int32>, into intents: Intents) {
        if let pair = choices.actingPair(.sellItem, .sellPrice) {
            intents.sellItem[agent] = Int32(pair.first)
            intents.sellPrice[agent] = Int32(pair.second)
        }
    }
}
