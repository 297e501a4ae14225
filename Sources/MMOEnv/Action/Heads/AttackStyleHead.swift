import MMOCore

/// `attack_style`: melee, range or mage, all legal for a living agent. A style acts only together
/// with a legal `attack_target`, which decodes the pair; melee is the "nothing" of a dead agent.
enum AttackStyleHead: ActionHeadRules {
    static let name = "attack_style"

    static func options(for config: Config) -> [String] { CombatStyle.allCases.map { String(describing: $0) } }

    static func nothing(for config: Config) -> Int { CombatStyle.melee.rawValue }

    static func alwaysLegal(inCombat: Bool, config: Config) -> [Int] { Array(0..<CombatStyle.count) }

    static func isLegal(_ option: Int, agent: Int, world: World, shown: [Int32]) -> Bool { true }

    /// Nothing on its own: `AttackTargetHead` applies the style with a target.
    @inline(__always)
    static func decode(_ choices: inout ActionChoices, agent: Int, shown: UnsafePointer<Int32>, into intents: Intents) {}
}
