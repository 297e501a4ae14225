import MMOCore

/// `sell_item`: an inventory slot whose item may be listed on the market now (`World.canSell`), or
/// "none". It acts only together with a price, which `sell_price` decodes with it.
enum SellItemHead: InventorySlotHead {
    static let name = "sell_item"

    static func allows(agent: Int, slot: Int, world: World) -> Bool { world.canSell(player: agent, slot: slot) }

    /// Nothing on its own: `SellPriceHead` lists the item at its price.
    @inline(__always)
    static func decode(_ choices: inout ActionChoices, agent: Int, shown: UnsafePointer<Int32>, into intents: Intents) {}
}
