import MMOCore

/// `give_item`: an inventory slot whose item may be given now (`World.canGive`), or "none". It acts
/// only together with a legal `give_target`, which decodes the pair.
enum GiveItemHead: InventorySlotHead {
    static let name = "give_item"

    static func allows(agent: Int, slot: Int, world: World) -> Bool { world.canGive(player: agent, slot: slot) }

    /// Nothing on its own: `GiveTargetHead` gives the item to its receiver.
    @inline(__always)
    static func decode(_ choices: inout ActionChoices, agent: Int, shown: UnsafePointer<Int32>, into intents: Intents) {}
}
