import MMOCore

/// `destroy`: an inventory slot whose item Destroy would remove now (`World.canDestroy`), or "none".
enum DestroyHead: InventorySlotHead {
    static let name = "destroy"

    static func allows(agent: Int, slot: Int, world: World) -> Bool { world.canDestroy(player: agent, slot: slot) }

    @inline(__always)
    static func decode(_ choices: inout ActionChoices, agent: Int, shown: UnsafePointer<Int32>, into intents: Intents) {
        if let slot = choices.acting(.destroy) { intents.destroy[agent] = Int32(slot) }
    }
}
