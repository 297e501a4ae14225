import Dispatch
import MMOEnv
import MMONet

/// Chooses actions for every living agent of a `VecEnv` with a `PolicyNetwork`. Dead agents get
/// every head's "nothing".
///
/// The living agents are cut into passes of near-equal size (at most `passRows`), and the passes
/// are dealt round-robin to the worker threads (one workspace and one BLAS thread each). The cut
/// depends only on which agents are alive, never on the thread count: sgemm's result for a row can
/// depend on the other rows of its call, so this is what makes the actions, and the runs built on
/// them, repeat bit for bit on any number of threads. Agent a at step s samples from a stream
/// seeded by (seed, s, a).
///
/// With a recurrent network each agent has a state (zero at first): a pass starts its rows from
/// their agents' states and `act` stores the new ones; `resetStates(endedIn:)` zeroes the states of
/// agents whose episode ended, and must be called after every environment step.
public final class PolicyInference: @unchecked Sendable {
    /// Most rows in one pass: small enough that passes balance over the workers when only some
    /// agents live, large enough for efficient sgemm calls.
    public static let passRows = 128

    public let network: PolicyNetwork
    public let threads: Int
    public let totalAgents: Int
    let workspaces: [PolicyWorkspace]
    private let nothing: [Int32]
    /// The living agents of the current call, ascending (allocated once).
    private let living: UnsafeMutablePointer<Int32>
    /// Each agent's recurrent state, [totalAgents, hiddenWidth] (nil without a recurrent core).
    public let states: Tensor?

    public init(network: PolicyNetwork, totalAgents: Int, threads: Int) {
        self.network = network
        self.totalAgents = totalAgents
        self.threads = max(1, min(threads, totalAgents))
        let rows = min(totalAgents, Self.passRows)
        workspaces = (0..<self.threads).map { _ in PolicyWorkspace(network: network, capacity: rows) }
        nothing = network.actionLayout.heads.map(\.nothing)
        living = .allocate(capacity: totalAgents)
        states = network.core.map { Tensor(shape: [totalAgents, $0.hidden]) }
    }

    deinit { living.deallocate() }

    /// Writes one action row per agent into `actions` from the observations and masks in `buffers`.
    /// With `features` (a batch with one row per agent, row = agent), each living agent's network
    /// input is copied from its row there instead of written from its observation: how an attack
    /// feeds the policy perturbed features. `record` (when given) is called on the worker after
    /// each pass, with the worker's workspace and the pass's row count: `rowAgents` says which
    /// agent each row is; a rollout copies what it needs.
    public func act(buffers: StepBuffers, actions: UnsafeMutableBufferPointer<Int32>, stepSeed: UInt64, greedy: Bool = false,
                    features: FeatureBatch? = nil, record: ((PolicyWorkspace, Int) -> Void)? = nil) {
        precondition(features.map { $0.capacity >= totalAgents } ?? true, "a feature batch needs a row per agent")
        let headCount = network.headCount, maskWidth = network.maskWidth
        let bytesPerAgent = buffers.observations.count / totalAgents
        let observations = UnsafeRawPointer(buffers.observations.baseAddress!)
        let masks = UnsafePointer(buffers.masks.baseAddress!)
        let actionRows = actions.baseAddress!
        let count = findLiving(observations, bytesPerAgent: bytesPerAgent) { agent in
            for head in 0..<headCount { actionRows[agent * headCount + head] = nothing[head] }
        }
        forEachPass(count: count) { workspace, positions in
            for (row, position) in positions.enumerated() {
                let agent = Int(living[position])
                if let features {
                    workspace.features.copyRow(agent, of: features, to: row)
                } else {
                    network.observation.write(observations + agent * bytesPerAgent, row: row, into: workspace.features)
                }
                (workspace.masks + row * maskWidth).update(from: masks + agent * maskWidth, count: maskWidth)
                workspace.rowAgents[row] = Int32(agent)
                workspace.rowRandom[row] = NetRandom(seed: stepSeed &+ UInt64(agent) &* 0x9E37_79B9_7F4A_7C15)
            }
            let rows = positions.count
            loadStates(rows: rows, workspace: workspace)
            network.forward(rows: rows, workspace: workspace)
            storeStates(rows: rows, workspace: workspace)
            network.sample(rows: rows, workspace: workspace, greedy: greedy)
            for row in 0..<rows {
                let agent = Int(workspace.rowAgents[row])
                for head in 0..<headCount { actionRows[agent * headCount + head] = workspace.actions[head * workspace.capacity + row] }
            }
            record?(workspace, rows)
        }
    }

    /// Values of every living agent's observation (0 for the dead) into `values` [totalAgents]. The
    /// agents' recurrent states are read, not advanced.
    public func values(buffers: StepBuffers, into values: UnsafeMutablePointer<Float>) {
        let bytesPerAgent = buffers.observations.count / totalAgents
        let observations = UnsafeRawPointer(buffers.observations.baseAddress!)
        let count = findLiving(observations, bytesPerAgent: bytesPerAgent) { values[$0] = 0 }
        forEachPass(count: count) { workspace, positions in
            for (row, position) in positions.enumerated() {
                let agent = Int(living[position])
                network.observation.write(observations + agent * bytesPerAgent, row: row, into: workspace.features)
                workspace.rowAgents[row] = Int32(agent)
            }
            loadStates(rows: positions.count, workspace: workspace)
            network.forward(rows: positions.count, workspace: workspace)
            for row in 0..<positions.count { values[Int(workspace.rowAgents[row])] = workspace.values[row] }
        }
    }

    /// Zeroes the recurrent state of every agent whose episode ended in the step that wrote
    /// `buffers` (terminated or truncated); its next step starts a new episode from zero.
    public func resetStates(endedIn buffers: StepBuffers) {
        guard let states else { return }
        let width = states.shape[1]
        for agent in 0..<totalAgents where buffers.terminations[agent] != 0 || buffers.truncations[agent] != 0 {
            (states.pointer + agent * width).update(repeating: 0, count: width)
        }
    }

    /// Copies the states of the pass's agents (`rowAgents`) into the workspace's initial state.
    private func loadStates(rows: Int, workspace: PolicyWorkspace) {
        guard let states else { return }
        let width = states.shape[1]
        for row in 0..<rows {
            (workspace.initialState.pointer + row * width).update(from: states.pointer + Int(workspace.rowAgents[row]) * width, count: width)
        }
    }

    /// Copies the pass's new states (the core's output) back to its agents.
    private func storeStates(rows: Int, workspace: PolicyWorkspace) {
        guard let states else { return }
        let width = states.shape[1]
        for row in 0..<rows {
            (states.pointer + Int(workspace.rowAgents[row]) * width).update(from: workspace.coreOutput.value.pointer + row * width, count: width)
        }
    }

    /// Lists the living agents in `living` and returns how many there are; `dead(agent)` is called
    /// for every other agent.
    private func findLiving(_ observations: UnsafeRawPointer, bytesPerAgent: Int, dead: (Int) -> Void) -> Int {
        var count = 0
        for agent in 0..<totalAgents {
            if network.observation.isAlive(observations + agent * bytesPerAgent) {
                living[count] = Int32(agent)
                count += 1
            } else {
                dead(agent)
            }
        }
        return count
    }

    /// Cuts positions 0..<count of `living` into ceil(count / passRows) passes of near-equal size
    /// and runs `body(workspace, positions)` for each, pass p on worker p % threads.
    private func forEachPass(count: Int, _ body: (PolicyWorkspace, Range<Int>) -> Void) {
        let passes = (count + Self.passRows - 1) / Self.passRows
        guard passes > 0 else { return }
        runWorkers(min(threads, passes)) { worker in
            for pass in stride(from: worker, to: passes, by: threads) {
                body(workspaces[worker], pass * count / passes..<(pass + 1) * count / passes)
            }
        }
    }
}
