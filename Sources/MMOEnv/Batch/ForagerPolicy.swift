import MMOCore

/// A scripted-random baseline: an agent that is thirsty (water below `threshold` and not above
/// its food) walks towards the nearest Water it sees, a hungry one towards the nearest Foilage,
/// and otherwise it moves at random (a `RandomPolicy`). Steps are greedy: the legal move that most
/// shortens the Manhattan distance, the first in N, S, E, W order on ties. Reads only the
/// observation and masks, like a learned policy would, so it stays deterministic for any thread
/// count or batch size.
public final class ForagerPolicy: BatchPolicy, @unchecked Sendable {
    /// Food or water below this sends the agent looking for it.
    public let threshold: Int16
    private let random: RandomPolicy

    public init(env: VecEnv, seed: UInt64, threshold: Int16 = 60) {
        self.threshold = threshold
        random = RandomPolicy(env: env, seed: seed)
    }

    public func act(env: VecEnv, buffers: StepBuffers, actions: UnsafeMutableBufferPointer<Int32>) {
        random.act(env: env, buffers: buffers, actions: actions)
        let layout = env.observationLayout
        let selfSegment = layout.segment(named: "self")!
        let tilesSegment = layout.segment(named: "tiles")!
        let side = tilesSegment.shape[0]
        let foodColumn = layout.column("food", of: "self")
        let waterColumn = layout.column("water", of: "self")
        let aliveColumn = layout.column("alive", of: "self")
        let actionLayout = env.actionLayout
        let moveMask = actionLayout[.move].maskOffset
        let agentsPerEnv = env.agentsPerEnv
        env.forEachChunk { range in
            for environment in range {
                for agent in environment * agentsPerEnv..<(environment + 1) * agentsPerEnv {
                    let record = buffers.observations.baseAddress! + agent * layout.bytesPerAgent
                    let me = (record + selfSegment.offset).assumingMemoryBound(to: Int16.self)
                    guard me[aliveColumn] != 0 else { continue }
                    let tiles = (record + tilesSegment.offset).assumingMemoryBound(to: UInt8.self)
                    let mask = buffers.masks.baseAddress! + agent * actionLayout.maskWidth + moveMask
                    if let move = ScriptedMoves.forageStep(food: me[foodColumn], water: me[waterColumn], threshold: threshold, tiles: tiles, side: side, mask: mask) {
                        actions[agent * actionLayout.headCount + ActionHeadKind.move.rawValue] = Int32(move.rawValue)
                    }
                }
            }
        }
    }
}
