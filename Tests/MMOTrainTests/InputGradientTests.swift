import MMOCore
import MMOEnv
import MMONet
import Testing
@testable import MMOTrain

/// The policy network's gradient with respect to its inputs (`FeatureGradients`) against finite
/// differences of the loss, on real observations and masks after a few ticks of random play.
@Suite struct InputGradientTests {
    /// A small network over 6 living agents' features, with sharpened heads, and the loss
    /// sum_r a_r log p_r + b_r V_r + c H_r of sampled actions with fixed coefficients.
    final class Setup {
        let network: PolicyNetwork
        let workspace: PolicyWorkspace
        let rows = 6
        let a: [Float], b: [Float]
        let c: Float = 0.3

        init() throws {
            let (env, storage) = try PolicyGradientTests.environment()
            network = PolicyGradientTests.sharpNetwork(for: env)
            workspace = PolicyWorkspace(network: network, capacity: rows)
            #expect(PolicyGradientTests.loadLivingAgents(env, storage, network: network, into: workspace) == rows)
            // The task path reads the embedding plus a (zero) shift, whose finite differences are the embedding's.
            workspace.features.shiftsTask = true
            workspace.features.taskShift.fill(0)
            network.forward(rows: rows, workspace: workspace)
            network.sample(rows: rows, workspace: workspace)
            var random = NetRandom(seed: 11)
            a = (0..<rows).map { _ in random.unitFloat() * 2 - 1 }
            b = (0..<rows).map { _ in random.unitFloat() * 2 - 1 }
        }

        func loss() -> Double {
            network.forward(rows: rows, workspace: workspace)
            network.evaluate(rows: rows, workspace: workspace)
            var total = 0.0
            for r in 0..<rows {
                total += Double(a[r]) * Double(workspace.logProbs[r]) + Double(b[r]) * Double(workspace.values[r]) + Double(c) * Double(workspace.entropies[r])
            }
            return total
        }

        /// Runs forward, evaluate and backward, into `gradients` (nil: input gradients only).
        func backward(into gradients: Tensor?, inputs: FeatureGradients?) {
            _ = loss()
            for r in 0..<rows {
                workspace.logProbGradients[r] = a[r]
                workspace.valueGradients[r] = b[r]
            }
            network.backward(rows: rows, entropyGradient: c, workspace: workspace, into: gradients, inputGradients: inputs)
        }
    }

    @Test func numericInputGradientsMatchFiniteDifferences() throws {
        let setup = try Setup()
        let inputs = FeatureGradients(features: setup.network.observation, capacity: setup.rows)
        setup.backward(into: nil, inputs: inputs)
        let features = setup.workspace.features, observation = setup.network.observation
        var probes: [(name: String, values: UnsafeMutablePointer<Float>, gradient: UnsafeMutablePointer<Float>, count: Int)] = [
            ("self", features.selfFeatures.pointer, inputs.selfFeatures.pointer, setup.rows * features.selfFeatures.columns),
            ("market", features.market.pointer, inputs.market.pointer, setup.rows * features.market.columns),
            ("task", features.taskShift.pointer, inputs.task.pointer, setup.rows * features.taskShift.columns),
        ]
        // Entity and item rows that hold something (an empty row sits on its ReLUs' kink).
        for index in 0..<setup.rows * observation.entityRows where features.entityMask[index] != 0 {
            probes.append(("entity \(index)", features.entities.row(index), inputs.entities.row(index), features.entities.columns))
        }
        for index in 0..<setup.rows * observation.inventoryRows where features.inventoryMask[index] != 0 {
            probes.append(("item \(index)", features.inventory.row(index), inputs.inventory.row(index), features.inventory.columns))
        }
        #expect(probes.count > 3 + setup.rows, "too few live entity and item rows to check")
        var failures: [String] = [], checked = 0, norm = 0.0
        let step: Float = 1e-3
        for probe in probes {
            for index in 0..<probe.count {
                let saved = probe.values[index]
                probe.values[index] = saved + step
                let plus = setup.loss()
                probe.values[index] = saved - step
                let minus = setup.loss()
                probe.values[index] = saved
                let numeric = (plus - minus) / Double(2 * step), analytic = Double(probe.gradient[index])
                checked += 1
                norm += analytic * analytic
                if abs(numeric - analytic) > 2e-3 + 3e-2 * max(abs(numeric), abs(analytic)) {
                    failures.append("\(probe.name)[\(index)]: analytic \(analytic), numeric \(numeric)")
                }
            }
        }
        #expect(checked > 300)
        #expect(failures.count <= checked / 500, "\(failures.count) of \(checked) mismatched: \(failures.prefix(12))")
        #expect(norm > 1e-4)
    }

    /// A tile's score for material m is d loss / d t of the relaxed flip that moves the tile from
    /// its category to the new one by t: emulated exactly by giving the tile the new category and
    /// the convolution weights of that category W_old + t (W_new - W_old), for categories no other
    /// tile of the batch holds.
    @Test func tileScoresAreTheDerivativeOfARelaxedFlip() throws {
        let setup = try Setup()
        let inputs = FeatureGradients(features: setup.network.observation, capacity: setup.rows)
        setup.backward(into: nil, inputs: inputs)
        let network = setup.network, ids = setup.workspace.features.tileIDs
        let tiles = network.observation.side * network.observation.side, materials = Material.count
        let weights = network.tileConv.weight.pointer(in: network.parameters.values.pointer)
        let categoryWidth = network.tileConv.kernel * network.tileConv.kernel * network.tileConv.outChannels
        let present = Set((0..<setup.rows * tiles).map { ids[$0] })
        var failures: [String] = [], checked = 0, largest: Float = 0
        for position in stride(from: 7, to: setup.rows * tiles, by: 23) {
            let old = ids[position], own = Int(old) % materials
            for material in 1..<materials where material != own {
                let new = old - Int32(own) + Int32(material)
                guard !present.contains(new) else { continue }
                let score = inputs.tileScores[position * materials + material]
                largest = max(largest, abs(score))
                let saved = Array(UnsafeBufferPointer(start: weights + Int(new) * categoryWidth, count: categoryWidth))
                func relaxed(_ t: Float) -> Double {
                    for i in 0..<categoryWidth {
                        weights[Int(new) * categoryWidth + i] = weights[Int(old) * categoryWidth + i] + t * (saved[i] - weights[Int(old) * categoryWidth + i])
                    }
                    return setup.loss()
                }
                ids[position] = new
                let step: Float = 1e-2
                let numeric = (relaxed(step) - relaxed(-step)) / Double(2 * step)
                ids[position] = old
                for i in 0..<categoryWidth { weights[Int(new) * categoryWidth + i] = saved[i] }
                checked += 1
                if abs(numeric - Double(score)) > 2e-4 + 3e-2 * max(abs(numeric), abs(Double(score))) {
                    failures.append("tile \(position) material \(material): score \(score), numeric \(numeric)")
                }
            }
            #expect(inputs.tileScores[position * materials + own] == 0)
        }
        #expect(checked >= 20)
        #expect(failures.count <= checked / 50, "\(failures.count) of \(checked) mismatched: \(failures.prefix(12))")
        #expect(largest > 1e-3)
    }

    /// Asking for input gradients leaves the parameters' gradient as it was, and skipping the
    /// parameters' gradient leaves the input gradients as they were.
    @Test func inputGradientsAndParameterGradientsAreIndependent() throws {
        let setup = try Setup()
        let observation = setup.network.observation
        let plain = setup.network.parameters.makeGradient(), both = setup.network.parameters.makeGradient()
        let withParameters = FeatureGradients(features: observation, capacity: setup.rows)
        let alone = FeatureGradients(features: observation, capacity: setup.rows)
        setup.backward(into: plain, inputs: nil)
        setup.backward(into: both, inputs: withParameters)
        setup.backward(into: nil, inputs: alone)
        #expect(plain.array == both.array)
        #expect(plain.array.contains { $0 != 0 })
        func values(_ g: FeatureGradients) -> [Float] {
            [g.selfFeatures, g.entities, g.inventory, g.market, g.task].flatMap { Array(UnsafeBufferPointer(start: $0.pointer, count: $0.count)) }
                + Array(UnsafeBufferPointer(start: g.tileScores, count: setup.rows * observation.side * observation.side * Material.count))
        }
        #expect(values(withParameters) == values(alone))
        // Without tile scores the tile buffer is left alone.
        alone.tileScores.update(repeating: 7, count: 3)
        alone.scoresTiles = false
        setup.backward(into: nil, inputs: alone)
        #expect(alone.tileScores[2] == 7)
    }
}
