import MMOEnv

/// The scripted baselines an entrant can be, by name: uniformly random legal actions
/// (`RandomPolicy`), the forager (`ForagerPolicy`) and the scripted fighter (`CombatPolicy`).
public enum ScriptedAgent: String, CaseIterable, Sendable, Codable {
    case random, forager, combat

    /// The names accepted in an entrant spec, comma-separated, for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The agent's policy for `env`, whose environment `i` draws from a stream seeded `seed + i`.
    public func makePolicy(env: VecEnv, seed: UInt64) -> BatchPolicy {
        switch self {
        case .random: RandomPolicy(env: env, seed: seed)
        case .forager: ForagerPolicy(env: env, seed: seed)
        case .combat: CombatPolicy(env: env, seed: seed)
        }
    }
}
