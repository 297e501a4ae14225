import MMOCore

/// Picks a uniformly random legal option for every action head of every agent, from the masks a
/// `VecEnv` wrote. Each environment has its own random stream (derived from the seed and the
/// environment index), so the chosen actions do not depend on thread count or batch size.
public final class RandomPolicy: BatchPolicy, @unchecked Sendable {
    private let layout: ActionLayout
    private let agentsPerEnv: Int
    private var rngs: [Rng]

    /// A policy for `env`, whose environment `i` draws from a stream seeded with `seed + i`.
    public init(env: VecEnv, seed: UInt64) {
        layout = env.actionLayout
        agentsPerEnv = env.agentsPerEnv
        rngs = (0..<env.environmentCount).map { Rng(seed: seed &+ UInt64($0), stream: .policy) }
    }

    /// Fills `actions` (one `Int32` per head per agent) from the masks, over all environments,
    /// using the environment's threads.
    public func act(env: VecEnv, buffers: StepBuffers, actions: UnsafeMutableBufferPointer<Int32>) {
        let masks = UnsafePointer(buffers.masks.baseAddress!)
        rngs.withUnsafeMutableBufferPointer { streams in
            let streamsBase = streams.baseAddress!
            env.forEachChunk { [self] range in
                for environment in range {
                    var rng = streamsBase[environment]
                    for agent in environment * agentsPerEnv..<(environment + 1) * agentsPerEnv {
                        let maskRow = masks + agent * layout.maskWidth
                        for (headIndex, head) in layout.heads.enumerated() {
                            actions[agent * layout.headCount + headIndex] = Int32(Self.pick(maskRow + head.maskOffset, count: head.size, rng: &rng))
                        }
                    }
                    streamsBase[environment] = rng
                }
            }
        }
    }

    /// A uniformly random index among the legal options, or the last option if none is legal.
    static func pick(_ mask: UnsafePointer<UInt8>, count: Int, rng: inout Rng) -> Int {
        var legal = 0
        for option in 0..<count where mask[option] != 0 { legal += 1 }
        guard legal > 0 else { return count - 1 }
        var chosen = rng.below(legal)
        for option in 0..<count where mask[option] != 0 {
            if chosen == 0 { return option }
            chosen -= 1
        }
        return count - 1
    }
}
