import MMOCore
import MMOEnv
import MMONet
import Testing
@testable import MMOTrain

/// A recurrent policy acting step by step (`PolicyInference`, one row per agent, the state carried
/// per agent) computes what one sequence forward over the same observations computes, as the
/// trainer's update replays them, including a state reset between steps.
@Suite struct RecurrentInferenceTests {
    @Test func stepByStepInferenceEqualsTheSequenceForward() throws {
        let (env, storage) = try PolicyGradientTests.environment(ticks: 4, environments: 3)
        var sizes = PolicyConfig()
        sizes.tileChannels = 4; sizes.tileWidth = 8; sizes.entityWidth = 6; sizes.itemWidth = 6
        sizes.selfWidth = 5; sizes.marketWidth = 4; sizes.taskWidth = 5; sizes.hiddenWidth = 12
        sizes.recurrent = true
        let network = PolicyNetwork(sizes: sizes, layout: env.observationLayout, actionLayout: env.actionLayout, config: env.config, seed: 5)
        network.setTasks(env.taskEmbeddings)
        // Recurrent weights larger than their gain-1 start, so the carried state matters.
        for slice in network.parameters.slices where slice.name.hasPrefix("core.") {
            let values = slice.pointer(in: network.parameters.values.pointer)
            for index in 0..<slice.count { values[index] *= 3 }
        }
        let inference = PolicyInference(network: network, totalAgents: env.totalAgents, threads: 2)
        let agents = env.totalAgents, bytes = env.observationLayout.bytesPerAgent
        let maskWidth = env.actionLayout.maskWidth, headCount = env.actionLayout.headCount
        let steps = 3, resetAgent = 5, resetStep = 2

        // What each agent saw and did at each step: record, mask, actions, log-prob, value.
        var records = [[UInt8]](repeating: [], count: steps * agents)
        var masks = [[UInt8]](repeating: [], count: steps * agents)
        var actions = [[Int32]](repeating: [], count: steps * agents)
        var logProbs = [Float](repeating: .nan, count: steps * agents)
        var values = [Float](repeating: .nan, count: steps * agents)
        for step in 0..<steps {
            let observations = UnsafeRawPointer(storage.buffers.observations.baseAddress!)
            inference.act(buffers: storage.buffers, actions: storage.actions, stepSeed: UInt64(step)) { workspace, rows in
                for row in 0..<rows {
                    let agent = Int(workspace.rowAgents[row]), entry = step * agents + agent
                    records[entry] = Array(UnsafeRawBufferPointer(start: observations + agent * bytes, count: bytes))
                    masks[entry] = Array(UnsafeBufferPointer(start: storage.buffers.masks.baseAddress! + agent * maskWidth, count: maskWidth))
                    actions[entry] = (0..<headCount).map { workspace.actions[$0 * workspace.capacity + row] }
                    logProbs[entry] = workspace.logProbs[row]
                    values[entry] = workspace.values[row]
                }
            }
            try env.step(actions: storage.actionRows, into: storage.buffers)
            // As if resetAgent's episode had ended before step `resetStep`.
            if step == resetStep - 1 { storage.buffers.truncations[resetAgent] = 1 }
            inference.resetStates(endedIn: storage.buffers)
        }
        let living = (0..<agents).filter { agent in (0..<steps).allSatisfy { !records[$0 * agents + agent].isEmpty } }
        #expect(living.contains(resetAgent))
        #expect(living.count > PolicyInference.passRows)   // inference ran more than one pass a step

        // Replay every living agent's steps as one time-major batch of sequences from zero states.
        let batch = living.count, rows = steps * batch
        let workspace = PolicyWorkspace(network: network, capacity: rows)
        workspace.initialState.fill(0)
        for step in 0..<steps {
            for (b, agent) in living.enumerated() {
                let row = step * batch + b, entry = step * agents + agent
                records[entry].withUnsafeBytes { network.observation.write($0.baseAddress!, row: row, into: workspace.features) }
                (workspace.masks + row * maskWidth).update(from: masks[entry], count: maskWidth)
                for head in 0..<headCount { workspace.actions[head * workspace.capacity + row] = actions[entry][head] }
                workspace.resets[row] = step == resetStep && agent == resetAgent ? 1 : 0
            }
        }
        network.forward(rows: rows, workspace: workspace, steps: steps)
        network.evaluate(rows: rows, workspace: workspace)
        var worst: Float = 0
        for step in 0..<steps {
            for (b, agent) in living.enumerated() {
                let row = step * batch + b, entry = step * agents + agent
                worst = max(worst, abs(workspace.values[row] - values[entry]), abs(workspace.logProbs[row] - logProbs[entry]))
            }
        }
        #expect(worst < 1e-4, "largest difference \(worst)")
        // The agents' carried states are the sequences' final states.
        let states = inference.states!, width = sizes.hiddenWidth
        var stateDifference: Float = 0
        for (b, agent) in living.enumerated() {
            for j in 0..<width {
                stateDifference = max(stateDifference, abs(states.pointer[agent * width + j] - workspace.coreOutput.value.pointer[((steps - 1) * batch + b) * width + j]))
            }
        }
        #expect(stateDifference < 1e-4)

        // Without the reset, the reset agent's later steps come out differently: the reset is real.
        workspace.resets.update(repeating: 0, count: rows)
        network.forward(rows: rows, workspace: workspace, steps: steps)
        let b = living.firstIndex(of: resetAgent)!
        #expect(abs(workspace.values[resetStep * batch + b] - values[resetStep * agents + resetAgent]) > 1e-3)
    }
}
