import Dispatch
import MMOEnv
import MMONet

/// Chooses actions for every living agent of a `VecEnv` with a `PolicyNetwork`, split over worker
/// threads by contiguous agent ranges (one workspace per worker, one BLAS thread each). Dead agents
/// get every head's "nothing". Agent a at step s samples from a stream seeded by (seed, s, a), so the
/// actions depend on neither the thread count nor the batch layout.
public final class PolicyInference: @unchecked Sendable {
    public let network: PolicyNetwork
    public let threads: Int
    public let totalAgents: Int
    let workspaces: [PolicyWorkspace]
    private let nothing: [Int32]

    public init(network: PolicyNetwork, totalAgents: Int, threads: Int) {
        self.network = network
        self.totalAgents = totalAgents
        self.threads = max(1, min(threads, totalAgents))
        let share = (totalAgents + self.threads - 1) / self.threads
        let rows = min(share, PolicyWorkspace.passRows)
        workspaces = (0..<self.threads).map { _ in PolicyWorkspace(network: network, capacity: rows) }
        nothing = network.actionLayout.heads.map(\.nothing)
    }

    /// The agents worker `worker` handles.
    func agents(of worker: Int) -> Range<Int> {
        let share = (totalAgents + threads - 1) / threads
        return min(worker * share, totalAgents)..<min((worker + 1) * share, totalAgents)
    }

    /// Writes one action row per agent into `actions` from the observations and masks in `buffers`.
    /// `record` (when given) is called on each worker after each pass, with the worker's workspace
    /// and the pass's row count: `rowAgents` says which agent each row is; a rollout copies what it needs.
    public func act(buffers: StepBuffers, actions: UnsafeMutableBufferPointer<Int32>, stepSeed: UInt64, greedy: Bool = false,
                    record: ((PolicyWorkspace, Int) -> Void)? = nil) {
        let headCount = network.headCount, maskWidth = network.maskWidth
        let bytesPerAgent = buffers.observations.count / totalAgents
        let observations = UnsafeRawPointer(buffers.observations.baseAddress!)
        let masks = UnsafePointer(buffers.masks.baseAddress!)
        let actionRows = actions.baseAddress!
        runWorkers(threads) { worker in
            let workspace = workspaces[worker]
            var rows = 0
            func pass() {
                network.forward(rows: rows, workspace: workspace)
                network.sample(rows: rows, workspace: workspace, greedy: greedy)
                for row in 0..<rows {
                    let agent = Int(workspace.rowAgents[row])
                    for head in 0..<headCount { actionRows[agent * headCount + head] = workspace.actions[head * workspace.capacity + row] }
                }
                record?(workspace, rows)
                rows = 0
            }
            for agent in agents(of: worker) {
                let observation = observations + agent * bytesPerAgent
                guard network.observation.isAlive(observation) else {
                    for head in 0..<headCount { actionRows[agent * headCount + head] = nothing[head] }
                    continue
                }
                network.observation.write(observation, row: rows, into: workspace.features)
                (workspace.masks + rows * maskWidth).update(from: masks + agent * maskWidth, count: maskWidth)
                workspace.rowAgents[rows] = Int32(agent)
                workspace.rowRandom[rows] = NetRandom(seed: stepSeed &+ UInt64(agent) &* 0x9E37_79B9_7F4A_7C15)
                rows += 1
                if rows == workspace.capacity { pass() }
            }
            if rows > 0 { pass() }
        }
    }

    /// Values of every living agent's observation (0 for the dead) into `values` [totalAgents].
    public func values(buffers: StepBuffers, into values: UnsafeMutablePointer<Float>) {
        let bytesPerAgent = buffers.observations.count / totalAgents
        let observations = UnsafeRawPointer(buffers.observations.baseAddress!)
        runWorkers(threads) { worker in
            let workspace = workspaces[worker]
            var rows = 0
            func pass() {
                network.forward(rows: rows, workspace: workspace)
                for row in 0..<rows { values[Int(workspace.rowAgents[row])] = workspace.values[row] }
                rows = 0
            }
            for agent in agents(of: worker) {
                let record = observations + agent * bytesPerAgent
                values[agent] = 0
                guard network.observation.isAlive(record) else { continue }
                network.observation.write(record, row: rows, into: workspace.features)
                workspace.rowAgents[rows] = Int32(agent)
                rows += 1
                if rows == workspace.capacity { pass() }
            }
            if rows > 0 { pass() }
        }
    }
}
