import ArgumentParser
import MMOEnv
import MMOTrain

/// `--policy`: what drives the agents of a headless run: a scripted policy by name, or a trained
/// policy by the path of its checkpoint (`gridmmo train` writes `RUN/checkpoint.safetensors`).
enum PolicyChoice: ExpressibleByArgument, Equatable {
    /// Uniformly random legal actions.
    case random
    /// Walks to visible Water or Foilage when thirsty or hungry, otherwise random.
    case forager
    /// Forages when hungry or thirsty, keeps out of other players' reach, attacks the weakest target
    /// in reach in its best style, seeks out NPCs when healthy, equips better items, eats Rations and
    /// drinks Potions, harvests resources (`CombatPolicy`).
    case combat
    /// A policy network loaded from a checkpoint; it samples from its action distributions.
    case checkpoint(String)

    static let scriptedNames = ["random", "forager", "combat"]

    init?(argument: String) {
        switch argument {
        case "random": self = .random
        case "forager": self = .forager
        case "combat": self = .combat
        case "": return nil
        default: self = .checkpoint(argument)
        }
    }

    /// The name shown in summaries.
    var name: String {
        switch self {
        case .random: "random"
        case .forager: "forager"
        case .combat: "combat"
        case .checkpoint(let path): path
        }
    }

    func make(env: VecEnv, seed: UInt64) throws -> BatchPolicy {
        switch self {
        case .random: return RandomPolicy(env: env, seed: seed)
        case .forager: return ForagerPolicy(env: env, seed: seed)
        case .combat: return CombatPolicy(env: env, seed: seed)
        case .checkpoint(let path):
            do {
                let loaded = try PolicyCheckpoint.load(path: path, layout: env.observationLayout, actionLayout: env.actionLayout, config: env.config)
                return LearnedPolicy(network: loaded.network, env: env, seed: seed)
            } catch {
                throw ValidationError("--policy \(error.description) (a policy is random, forager, combat or a checkpoint file)")
            }
        }
    }
}
