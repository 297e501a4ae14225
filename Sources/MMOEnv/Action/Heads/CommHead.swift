import MMOCore

/// `comm`: "silence" (its "nothing") or a token 1 through `comm.tokens` for the agent's teammates to
/// observe, every token legal while communication is on.
enum CommHead: ActionHeadRules {
    static let name = "comm"

    static func options(for config: Config) -> [String] {
        ["silence"] + (1...max(config.comm.tokens, 1)).map { "token_\($0)" }
    }

    static func nothing(for config: Config) -> Int { 0 }

    static func alwaysLegal(inCombat: Bool, config: Config) -> [Int] {
        config.comm.enabled ? Array(options(for: config).indices) : [nothing(for: config)]
    }

    static func isLegal(_ option: Int, agent: Int, world: World, shown: [Int32]) -> Bool {
        option == nothing(for: world.config) || world.config.comm.enabled
    }

    @inline(__always)
    static func decode(_ choices: inout ActionChoices, agent: Int, shown: UnsafePointer<Int32>, into intents: Intents) {
        if let token = choices.legal(.comm) { intents.comm[agent] = Int32(token) }
    }
}
