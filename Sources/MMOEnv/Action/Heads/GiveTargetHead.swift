import MMOCore

/// `give_target`: an entity row showing a player that may receive items from the agent now
/// (`World.canGiveTo`), or "none". Decodes the pair with `give_item`: an item is given only when
/// both choices are legal and neither is "none".
enum GiveTargetHead: EntityRowHead {
    static let name = "give_target"

    static func allows(agent: Int, target: Int, world: World) -> Bool { world.canGiveTo(giver: agent, receiver: target) }

    static func decode(_ choices: inout ActionChoices, agent: Int, shown: UnsafePointer<Int32>, into intents: Intents) {
        let slot = choices.acting(.giveItem)
        if let row = choices.acting(.giveTarget), let slot {
            intents.giveItem[agent] = Int32(slot)
            intents.giveTarget[agent] = shown[row]
        }
    }
}
