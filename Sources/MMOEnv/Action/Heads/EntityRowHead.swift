import MMOCore

/// A head whose options are the agent's entity rows (the entities its observation shows, nearest
/// first), then "none": `attack_target`, `give_target` and `give_gold_target`. A chosen row names
/// the entity it shows. "none" is always legal unless the head says otherwise.
protocol EntityRowHead: ActionHeadRules {
    /// Whether the rules let living `agent` act on entity slot `target` now (`World.canAttack`, `canGiveTo`).
    static func allows(agent: Int, target: Int, world: World) -> Bool
}

extension EntityRowHead {
    static func options(for config: Config) -> [String] {
        (0..<config.observation.entities).map { "entity_\($0)" } + ["none"]
    }

    static func nothing(for config: Config) -> Int { config.observation.entities }

    static func alwaysLegal(inCombat: Bool, config: Config) -> [Int] { [nothing(for: config)] }

    static func isLegal(_ option: Int, agent: Int, world: World, shown: [Int32]) -> Bool {
        option == nothing(for: world.config) || allowsRow(option, agent: agent, world: world, shown: shown)
    }

    /// Whether entity row `row` shows an entity the rules let `agent` act on now.
    static func allowsRow(_ row: Int, agent: Int, world: World, shown: [Int32]) -> Bool {
        shown[row] >= 0 && allows(agent: agent, target: Int(shown[row]), world: world)
    }
}
