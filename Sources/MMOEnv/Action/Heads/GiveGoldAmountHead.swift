import MMOCore

/// `give_gold_amount`: "none" or an amount of gold the agent may give now (`World.canGiveGold`). It
/// acts only together with a legal `give_gold_target`, which decodes the pair.
enum GiveGoldAmountHead: AmountHead {
    static let name = "give_gold_amount"
    static let optionPrefix = "gold_"

    static func alwaysLegal(inCombat: Bool, config: Config) -> [Int] { [nothing(for: config)] }

    static func isLegal(_ option: Int, agent: Int, world: World, shown: [Int32]) -> Bool {
        option == nothing(for: world.config) || world.canGiveGold(giver: agent, amount: option)
    }

    /// Nothing on its own: `GiveGoldTargetHead` gives the amount to its receiver.
    @inline(__always)
    static func decode(_ choices: inout ActionChoices, agent: Int, shown: UnsafePointer<Int32>, into intents: Intents) {}
}
