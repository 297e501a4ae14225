import MMOCore

/// `give_gold_target`: an entity row showing a player that may receive gold from the agent now
/// (`World.canGiveTo`), or "none". Decodes the pair with `give_gold_amount`: gold is given only
/// when both choices are legal and neither is "none".
enum GiveGoldTargetHead: ReceiverHead {
    static let name = "give_gold_target"

    @inline(__always)
    static func decode(_ choices: inout ActionChoices, agent: Int, shown: UnsafePointer<Int32>, into intents: Intents) {
        if let pair = choices.actingPair(.giveGoldAmount, .giveGoldTarget) {
            intents.giveGoldAmount[agent] = Int32(pair.first)
            intents.giveGoldTarget[agent] = shown[pair.second]
        }
    }
}
