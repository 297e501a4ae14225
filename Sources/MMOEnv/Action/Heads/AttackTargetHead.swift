import MMOCore

/// `attack_target`: an entity row the agent may attack now (`World.canAttack`), or "none", which is
/// legal only when no row is (as in the reference). Decodes the pair with `attack_style`: the
/// attack is made only with a legal style and a legal target.
enum AttackTargetHead: EntityRowHead {
    static let name = "attack_target"

    static func allows(agent: Int, target: Int, world: World) -> Bool { world.canAttack(agent, target) }

    static func alwaysLegal(inCombat: Bool, config: Config) -> [Int] { [] }

    static func isLegal(_ option: Int, agent: Int, world: World, shown: [Int32]) -> Bool {
        guard option == nothing(for: world.config) else { return allowsRow(option, agent: agent, world: world, shown: shown) }
        return !shown.indices.contains { allowsRow($0, agent: agent, world: world, shown: shown) }
    }

    @inline(__always)
    static func decode(_ choices: inout ActionChoices, agent: Int, shown: UnsafePointer<Int32>, into intents: Intents) {
        let style = choices.legal(.attackStyle)
        if let row = choices.acting(.attackTarget), let style {
            intents.attackTarget[agent] = shown[row]
            intents.attackStyle[agent] = UInt8(style)
        }
    }
}
