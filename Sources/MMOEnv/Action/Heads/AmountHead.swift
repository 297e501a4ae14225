import MMOCore

/// A head whose options are "none" (its "nothing", always legal) and the amounts 1 through
/// `exchange.maxPrice`: `sell_price` and `give_gold_amount`.
protocol AmountHead: ActionHeadRules {
    /// What the amounts' option names start with ("price_", "gold_").
    static var optionPrefix: String { get }
}

extension AmountHead {
    static func options(for config: Config) -> [String] {
        ["none"] + (1...config.exchange.maxPrice).map { "\(optionPrefix)\($0)" }
    }

    static func nothing(for config: Config) -> Int { 0 }
}
