import MMOCore

/// `give_gold_target`: an entity row showing a player that may receive gold from the agent now
/// (`World.canGiveTo`), or "none". Decodes the pair with `give_gold_amount`: gold is given only
/// when both choices are legal and neither is "none".
enum GiveGoldTargetHead: EntityRowHead {
    static let name = "give_gold_target"

    static func allows(agent: Int, target: Int, world: World) -> Bool { world.canGiveTo(giver: agent, receiver: target) }

    static func decode(_ choices: inout ActionChoices, agent: Int, shown: UnsafePointer<Int32>, into intents: Intents) {
        let amount = choices.acting(.giveGoldAmount)
        if let row = choices.acting(.giveGoldTarget), let amount {
            intents.giveGoldAmount[agent] = Int32(amount)
            intents.giveGoldTarget[agent] = shown[row]
        }
    }
}
