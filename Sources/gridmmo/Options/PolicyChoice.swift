import ArgumentParser
import MMOEnv

/// `--policy`: which scripted policy drives the agents of a headless run.
enum PolicyChoice: String, ExpressibleByArgument, CaseIterable {
    /// Uniformly random legal actions.
    case random
    /// Walks to visible Water or Foilage when thirsty or hungry, otherwise random.
    case forager
    /// Forages when hungry or thirsty, keeps out of other players' reach, attacks the weakest target
    /// in reach in its best style, seeks out NPCs when healthy, equips better items, eats Rations and
    /// drinks Potions, harvests resources (`CombatPolicy`).
    case combat

    func make(env: VecEnv, seed: UInt64) -> BatchPolicy {
        switch self {
        case .random: return RandomPolicy(env: env, seed: seed)
        case .forager: return ForagerPolicy(env: env, seed: seed)
        case .combat: return CombatPolicy(env: env, seed: seed)
        }
    }
}
