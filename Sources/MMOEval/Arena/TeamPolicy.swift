import MMOEnv

/// Several entrants' policies playing one batch of environments together. Every agent row has an
/// owner (an entrant's index, or -1 for nobody), and each agent's actions come from its owner's
/// policy; rows owned by nobody get every head's "nothing".
///
/// Each policy runs on the shared buffers with the rows it does not own shown as dead (their
/// `self.alive` column is zeroed for the call, then restored), so a learned policy computes only
/// for its own agents and the scripted ones skip the others; then its own rows are copied from a
/// scratch action buffer. With one policy owning every row it writes the actions directly.
final class TeamPolicy: BatchPolicy, @unchecked Sendable {
    /// Entrant index per agent row (environment-major), -1 for nobody; the caller fills it.
    let owners: UnsafeMutableBufferPointer<Int32>
    /// The batch's policy per entrant index, nil for entrants without agents in the batch.
    var policies: [BatchPolicy?] = []
    private let scratch: UnsafeMutableBufferPointer<Int32>
    private let savedAlive: UnsafeMutableBufferPointer<Int16>
    private let aliveOffset: Int
    private let bytesPerAgent: Int
    private let nothing: [Int32]

    init(env: VecEnv) {
        owners = .allocate(capacity: env.totalAgents)
        owners.initialize(repeating: -1)
        scratch = .allocate(capacity: env.totalAgents * env.actionLayout.headCount)
        scratch.initialize(repeating: 0)
        savedAlive = .allocate(capacity: env.totalAgents)
        savedAlive.initialize(repeating: 0)
        let layout = env.observationLayout
        aliveOffset = layout.segment(named: "self")!.offset + layout.column("alive", of: "self") * MemoryLayout<Int16>.size
        bytesPerAgent = layout.bytesPerAgent
        nothing = env.actionLayout.heads.map(\.nothing)
    }

    deinit {
        owners.deallocate()
        scratch.deallocate()
        savedAlive.deallocate()
    }

    func act(env: VecEnv, buffers: StepBuffers, actions: UnsafeMutableBufferPointer<Int32>) {
        let heads = nothing.count
        // Counted in place (this runs every tick): no array of the active entrants.
        var activeCount = 0, lastActive = -1
        for entrant in policies.indices where policies[entrant] != nil {
            activeCount += 1
            lastActive = entrant
        }
        if activeCount == 1, owners.allSatisfy({ $0 == Int32(lastActive) }) {
            policies[lastActive]!.act(env: env, buffers: buffers, actions: actions)
            return
        }
        for row in owners.indices where owners[row] < 0 {
            for head in 0..<heads { actions[row * heads + head] = nothing[head] }
        }
        let records = buffers.observations.baseAddress!
        for entrant in policies.indices {
            guard let entrantPolicy = policies[entrant] else { continue }
            let mine = Int32(entrant)
            for row in owners.indices {
                let alive = (records + row * bytesPerAgent + aliveOffset).assumingMemoryBound(to: Int16.self)
                savedAlive[row] = alive.pointee
                if owners[row] != mine { alive.pointee = 0 }
            }
            entrantPolicy.act(env: env, buffers: buffers, actions: scratch)
            for row in owners.indices {
                (records + row * bytesPerAgent + aliveOffset).assumingMemoryBound(to: Int16.self).pointee = savedAlive[row]
                if owners[row] == mine {
                    for head in 0..<heads { actions[row * heads + head] = scratch[row * heads + head] }
                }
            }
        }
    }
}
