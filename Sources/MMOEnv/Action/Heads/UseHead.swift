import MMOCore

/// `use`: an inventory slot whose item Use would equip, unequip or consume now (`World.canUse`),
/// or "none".
enum UseHead: InventorySlotHead {
    static let name = "use"

    static func allows(agent: Int, slot: Int, world: World) -> Bool { world.canUse(player: agent, slot: slot) }

    @inline(__always)
    static func decode(_ choices: inout ActionChoices, agent: Int, shown: UnsafePointer<Int32>, into intents: Intents) {
        if let slot = choices.acting(.use) { intents.use[agent] = Int32(slot) }
    }
}
