import MMOEnv

/// The scripted policy behind a `gridmmo_policy` handle, with the environment it plays in (whose
/// handle it holds exclusively while it acts).
final class PolicyHandle: HandleKind {
    static let kindName = "policy"
    static let kindWithArticle = "a policy"
    static let names = ["random", "forager", "combat"]

    let environment: EnvironmentHandle
    let policy: BatchPolicy

    /// The policy named `name` for `environment`'s worlds, seeded with `seed`.
    init(name: String, environment: EnvironmentHandle, seed: UInt64) throws(APIError) {
        self.environment = environment
        let env = environment.env
        switch name {
        case "random": policy = RandomPolicy(env: env, seed: seed)
        case "forager": policy = ForagerPolicy(env: env, seed: seed)
        case "combat": policy = CombatPolicy(env: env, seed: seed)
        default: throw APIError(.argument, "name: '\(name)' is not a scripted policy; choose one of: \(Self.names.joined(separator: ", "))")
        }
    }
}
