import MMOCore

/// Everything about one action head, in one place: its name and options for a config, its
/// "nothing" option, the options legal in every state, the legality rule of each option (the
/// specification the fast mask writer, `ObservationWriter.writeMasks`, is tested against), and how
/// a legal choice becomes an intent.
///
/// Heads that act in pairs (`attack_style` with `attack_target`, `give_item` with `give_target`,
/// `sell_item` with `sell_price`, `give_gold_amount` with `give_gold_target`) are decoded by their
/// second head, which reads its partner's choice; the first head's `decode` does nothing.
protocol ActionHeadRules {
    /// The head's published name.
    static var name: String { get }

    /// What each option means, in order.
    static func options(for config: Config) -> [String]

    /// The option that does nothing. Legal in every state, except `attack_target`'s "none", which
    /// is legal only when no target is (as in the reference).
    static func nothing(for config: Config) -> Int

    /// The options a living agent may choose in every state, in or out of combat: what the mask
    /// row starts from before the state-dependent options are written.
    static func alwaysLegal(inCombat: Bool, config: Config) -> [Int]

    /// Whether living `agent` may choose `option` now, by the rules' own checks; `shown` holds the
    /// entity slot of each entity row of its observation (-1 for an empty row). A dead agent may
    /// only choose the "nothing" option of every head.
    static func isLegal(_ option: Int, agent: Int, world: World, shown: [Int32]) -> Bool

    /// Writes `agent`'s intent for this head from `choices` (its row's choices, checked against
    /// its mask); `shown` holds the entity slot of each entity row (-1 for an empty row).
    static func decode(_ choices: inout ActionChoices, agent: Int, shown: UnsafePointer<Int32>, into intents: Intents)
}
