import ArgumentParser
import MMOEnv

/// `--policy`: which scripted policy drives the agents of a headless run.
enum PolicyChoice: String, ExpressibleByArgument, CaseIterable {
    /// Uniformly random legal actions.
    case random
    /// Walks to visible Water or Foilage when thirsty or hungry, otherwise random.
    case forager

    func make(env: VecEnv, seed: UInt64) -> BatchPolicy {
        switch self {
        case .random: return RandomPolicy(env: env, seed: seed)
        case .forager: return ForagerPolicy(env: env, seed: seed)
        }
    }
}
