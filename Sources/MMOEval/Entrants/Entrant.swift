import MMOEnv

/// An entrant ready to play: its spec, a fingerprint of its policy (recorded in results, and
/// compared when shards are merged), and how to make its policy for a batch of environments.
public struct Entrant: Sendable {
    public let spec: EntrantSpec
    /// Identifies the policy beyond its name: `scripted:NAME`, or for a checkpoint a digest of the
    /// file's bytes.
    public let fingerprint: String
    /// Makes the policy for a `VecEnv`; environment `i` of it must draw from streams derived from
    /// `seed + i` (as the scripted policies do) or from the seed and the agent row (as a learned
    /// policy does), so that a game's actions do not depend on the thread count.
    public let makePolicy: @Sendable (_ env: VecEnv, _ seed: UInt64) -> BatchPolicy

    public init(spec: EntrantSpec, fingerprint: String, makePolicy: @escaping @Sendable (_ env: VecEnv, _ seed: UInt64) -> BatchPolicy) {
        self.spec = spec
        self.fingerprint = fingerprint
        self.makePolicy = makePolicy
    }

    /// A scripted entrant (for a checkpoint, the caller loads the network and supplies the maker).
    public static func scripted(name: String, agent: ScriptedAgent) -> Entrant {
        Entrant(spec: EntrantSpec(name: name, source: .scripted(agent)), fingerprint: "scripted:\(agent.rawValue)") { env, seed in
            agent.makePolicy(env: env, seed: seed)
        }
    }

    /// The name of the entrant.
    public var name: String { spec.name }
}
