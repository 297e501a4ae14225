import MMOCore

/// `give_target`: an entity row showing a player that may receive items from the agent now
/// (`World.canGiveTo`), or "none". Decodes the pair with `give_item`: an item is given only when
/// both choices are legal and neither is "none".
enum GiveTargetHead: ReceiverHead {
    static let name = "give_target"

    @inline(__always)
    static func decode(_ choices: inout ActionChoices, agent: Int, shown: UnsafePointer<Int32>, into intents: Intents) {
        if let pair = choices.actingPair(.giveItem, .giveTarget) {
            intents.giveItem[agent] = Int32(pair.first)
            intents.giveTarget[agent] = shown[pair.second]
        }
    }
}
