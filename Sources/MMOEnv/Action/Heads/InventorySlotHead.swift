import MMOCore

/// A head whose options are the agent's inventory slots, then "none" (its "nothing", always
/// legal): `use`, `destroy`, `give_item` and `sell_item`.
protocol InventorySlotHead: ActionHeadRules {
    /// Whether the rules let living `agent` act on its inventory `slot` now (`World.canUse` and the like).
    static func allows(agent: Int, slot: Int, world: World) -> Bool
}

extension InventorySlotHead {
    static func options(for config: Config) -> [String] {
        (0..<config.items.inventorySize).map { "slot_\($0)" } + ["none"]
    }

    static func nothing(for config: Config) -> Int { config.items.inventorySize }

    static func alwaysLegal(inCombat: Bool, config: Config) -> [Int] { [nothing(for: config)] }

    static func isLegal(_ option: Int, agent: Int, world: World, shown: [Int32]) -> Bool {
        option == nothing(for: world.config) || allows(agent: agent, slot: option, world: world)
    }
}
