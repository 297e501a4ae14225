import MMOCore
import MMOEnv
import MMONet
import MMOTasks
import Testing
@testable import MMOTrain

/// The whole policy network's hand-written backward against finite differences, on real
/// observations and masks from a few ticks of random play.
@Suite struct PolicyGradientTests {
    /// A small world after `ticks` random ticks, with a curriculum so the task path is exercised.
    static func environment(ticks: Int = 12, environments: Int = 1) throws -> (VecEnv, StepBufferStorage) {
        let config = Config.small
        let curriculum = Curriculum(specs: [
            TaskSpec(name: "eat", predicate: .countEvent(event: Int(EventKind.eatFood.rawValue), count: 2)),
            TaskSpec(name: "travel", predicate: .distanceTraveled(distance: 6), weight: 2),
        ])
        let env = VecEnv(config: config, maps: [TerrainGenerator.generate(config: config, seed: 21)], environmentCount: environments, seed: 3, threads: 1,
                         curriculum: curriculum, taskEmbeddingInObservations: false)
        let storage = StepBufferStorage(for: env)
        let policy = RandomPolicy(env: env, seed: 4)
        try env.observe(into: storage.buffers)
        for _ in 0..<ticks {
            policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
            try env.step(actions: storage.actionRows, into: storage.buffers)
        }
        return (env, storage)
    }

    @Test func backwardMatchesFiniteDifferences() throws {
        try checkGradients(recurrent: false)
    }

    /// With the GRU core: 3 steps x 2 sequences, time-major, from a nonzero initial state, with
    /// the state entering step 1 of sequence 1 reset.
    @Test func recurrentBackwardMatchesFiniteDifferences() throws {
        try checkGradients(recurrent: true)
    }

    /// A small network for `env` (seed 7) with larger logits than the 0.01-gain start, so every
    /// head's softmax is far from uniform.
    static func sharpNetwork(for env: VecEnv, recurrent: Bool = false) -> PolicyNetwork {
        var sizes = PolicyConfig()
        sizes.tileChannels = 4; sizes.tileWidth = 8; sizes.entityWidth = 6; sizes.itemWidth = 6
        sizes.selfWidth = 5; sizes.marketWidth = 4; sizes.taskWidth = 5; sizes.hiddenWidth = 12
        sizes.recurrent = recurrent
        let network = PolicyNetwork(sizes: sizes, layout: env.observationLayout, actionLayout: env.actionLayout, config: env.config, seed: 7)
        network.setTasks(env.taskEmbeddings)
        for slice in network.parameters.slices where slice.name.hasPrefix("heads.") {
            let values = slice.pointer(in: network.parameters.values.pointer)
            for index in 0..<slice.count { values[index] *= 60 }
        }
        return network
    }

    /// Fills every row of `workspace` with the features and masks of the first living agents of
    /// `storage` (each row sampling from a stream seeded by its agent); returns the rows filled.
    static func loadLivingAgents(_ env: VecEnv, _ storage: StepBufferStorage, network: PolicyNetwork, into workspace: PolicyWorkspace) -> Int {
        let bytes = env.observationLayout.bytesPerAgent, maskWidth = env.actionLayout.maskWidth
        var row = 0
        for agent in 0..<env.totalAgents where row < workspace.capacity {
            let record = UnsafeRawPointer(storage.buffers.observations.baseAddress! + agent * bytes)
            guard network.observation.isAlive(record) else { continue }
            network.observation.write(record, row: row, into: workspace.features)
            (workspace.masks + row * maskWidth).update(from: storage.buffers.masks.baseAddress! + agent * maskWidth, count: maskWidth)
            workspace.rowRandom[row] = NetRandom(seed: UInt64(agent))
            row += 1
        }
        return row
    }

    func checkGradients(recurrent: Bool) throws {
        let (env, storage) = try Self.environment()
        let steps = recurrent ? 3 : 1
        let network = Self.sharpNetwork(for: env, recurrent: recurrent)
        let rows = 6
        let workspace = PolicyWorkspace(network: network, capacity: rows)
        #expect(Self.loadLivingAgents(env, storage, network: network, into: workspace) == rows)
        var random = NetRandom(seed: 11)
        if recurrent {
            for index in 0..<workspace.initialState.count { workspace.initialState.pointer[index] = Float(random.unitFloat() * 2 - 1) }
            workspace.resets[1 * 2 + 1] = 1
        }
        network.forward(rows: rows, workspace: workspace, steps: steps)
        network.sample(rows: rows, workspace: workspace)
        // Loss = sum_r a_r logp_r + b_r V_r + c H_r with fixed coefficients.
        let a = (0..<rows).map { _ in Float(random.unitFloat() * 2 - 1) }
        let b = (0..<rows).map { _ in Float(random.unitFloat() * 2 - 1) }
        let c: Float = 0.3
        func loss() -> Double {
            network.forward(rows: rows, workspace: workspace, steps: steps)
            network.evaluate(rows: rows, workspace: workspace)
            var total = 0.0
            for r in 0..<rows {
                total += Double(a[r]) * Double(workspace.logProbs[r]) + Double(b[r]) * Double(workspace.values[r]) + Double(c) * Double(workspace.entropies[r])
            }
            return total
        }
        _ = loss()
        for r in 0..<rows {
            workspace.logProbGradients[r] = a[r]
            workspace.valueGradients[r] = b[r]
        }
        let gradient = network.parameters.makeGradient()
        network.backward(rows: rows, entropyGradient: c, workspace: workspace, into: gradient)

        let values = network.parameters.values.pointer, gradients = gradient.pointer
        var failures: [String] = []
        var checked = 0
        var checkedTensors: Set<String> = []
        let step: Float = 1e-3
        for slice in network.parameters.slices {
            // The largest analytic entries of each tensor plus a spread of others.
            let stride = max(1, slice.count / 24)
            for index in Swift.stride(from: 0, to: slice.count, by: stride) {
                let position = slice.offset + index
                let saved = values[position]
                values[position] = saved + step
                let plus = loss()
                values[position] = saved - step
                let minus = loss()
                values[position] = saved
                let numeric = (plus - minus) / Double(2 * step)
                let analytic = Double(gradients[position])
                checked += 1
                checkedTensors.insert(slice.name)
                if abs(numeric - analytic) > 2e-3 + 3e-2 * max(abs(numeric), abs(analytic)) {
                    failures.append("\(slice.name)[\(index)]: analytic \(analytic), numeric \(numeric)")
                }
            }
        }
        #expect(checkedTensors.count == network.parameters.slices.count)
        #expect(checkedTensors.contains("core.gru.weight_hh") == recurrent)
        // A ReLU kink crossed by the +-step may spoil a rare entry; a wrong backward spoils many.
        #expect(failures.count <= checked / 100, "\(failures.count) of \(checked) mismatched: \(failures.prefix(12))")
        // And the gradient is not trivially zero.
        var norm = 0.0
        for index in 0..<network.parameters.count { norm += Double(gradients[index] * gradients[index]) }
        #expect(norm > 1e-4)
    }
}
