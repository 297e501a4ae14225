import Foundation
import MMOAttack
import MMOCore
import MMOEnv
import MMONet
import MMOTasks
import Testing
@testable import MMOTrain

/// Training under attack (the defence): the update trains on the features the policy acted on,
/// the run repeats on any thread count, and a checkpoint says what it was trained under.
@Suite struct TrainingUnderAttackTests {
    /// A trainer on 4 small worlds (256 agents: two inference passes per step; three quarters
    /// attacked: two attack passes), rollouts of 2 steps, minibatches of 200 samples.
    static func trainer(seed: UInt64 = 7, threads: Int, kind: TrainingUnderAttack.Kind? = .pgd, learningRate: Float = 5e-4) -> Trainer {
        var config = PPOConfig()
        config.environments = 4
        config.rolloutSteps = 2
        config.minibatchSize = 200
        config.threads = threads
        config.seed = seed
        config.learningRate = learningRate
        var sizes = PolicyConfig()
        sizes.hiddenWidth = 32
        sizes.tileWidth = 32
        sizes.tileChannels = 8
        let game = Config.small
        let curriculum = Curriculum(specs: [
            TaskSpec(name: "eat", predicate: .countEvent(event: Int(EventKind.eatFood.rawValue), count: 1)),
            TaskSpec(name: "drink", predicate: .countEvent(event: Int(EventKind.drinkWater.rawValue), count: 1)),
        ])
        let perturbation = kind.map { kind in
            { (env: VecEnv, network: PolicyNetwork) -> ObservationPerturbation in
                TrainingUnderAttack(kind: kind, budget: PerturbationBudget(epsilon: 0.1, tileFlips: 2), fraction: 0.75, steps: 2, seed: seed,
                                    env: env, network: network)
            }
        }
        return Trainer(config: config, policy: sizes, game: game, maps: [TerrainGenerator.generate(config: game, seed: 4)], curriculum: curriculum,
                       perturbation: perturbation)
    }

    struct Run: Equatable {
        let losses: [PPOObjective.Statistics]
        let parameters: [Float]
    }

    static func firstUpdates(seed: UInt64 = 7, threads: Int, kind: TrainingUnderAttack.Kind? = .pgd) -> Run {
        let trainer = trainer(seed: seed, threads: threads, kind: kind)
        let losses = [trainer.iterate(progress: 0).losses]
        return Run(losses: losses, parameters: trainer.network.parameters.values.array)
    }

    @Test func theSameSeedRepeatsOnAnyThreadCount() {
        let first = Self.firstUpdates(threads: 1)
        #expect(first.losses.allSatisfy { $0.samples > 200 && $0.policyLoss.isFinite })
        #expect(Self.firstUpdates(threads: 2) == first)
        // The attack changes what is learnt, and so does its kind.
        #expect(Self.firstUpdates(threads: 2, kind: nil).parameters != first.parameters)
        #expect(Self.firstUpdates(threads: 1, kind: .gaussian) == Self.firstUpdates(threads: 2, kind: .gaussian))
    }

    /// With a learning rate of 0 the parameters after an iteration are those that acted: the
    /// log-probabilities of the stored actions on the features the update reads are the ones the
    /// rollout recorded, while on the attacked entries' clean observations they are not.
    @Test func theUpdateReadsTheFeaturesThePolicyActedOn() {
        let trainer = Self.trainer(threads: 2, learningRate: 0)
        _ = trainer.iterate(progress: 0)
        let rollout = trainer.rollout, network = trainer.network, stored = trainer.perturbedFeatures!
        let entries = (0..<rollout.entries).filter { rollout.valid[$0] != 0 }
        let attacked = entries.filter { stored.row(of: $0) != nil }
        #expect(attacked.count > entries.count / 2 && attacked.count < entries.count)
        let workspace = PolicyWorkspace(network: network, capacity: PolicyWorkspace.passRows)
        /// Largest |log p - recorded| and how many entries differ by more than 1e-3.
        func compare(_ entries: ArraySlice<Int>, clean: Bool) -> (largest: Float, differing: Int) {
            for (row, entry) in entries.enumerated() {
                if clean {
                    network.observation.write(rollout.observation(entry), row: row, into: workspace.features)
                } else {
                    trainer.writeFeatures(entry: entry, row: row, into: workspace.features)
                }
                (workspace.masks + row * network.maskWidth).update(from: rollout.mask(entry), count: network.maskWidth)
                for head in 0..<network.headCount { workspace.actions[head * workspace.capacity + row] = rollout.action(entry)[head] }
            }
            network.forward(rows: entries.count, workspace: workspace)
            network.evaluate(rows: entries.count, workspace: workspace)
            var largest: Float = 0, differing = 0
            for (row, entry) in entries.enumerated() {
                let difference = abs(workspace.logProbs[row] - rollout.logProbs[entry])
                largest = max(largest, difference)
                if difference > 1e-3 { differing += 1 }
            }
            return (largest, differing)
        }
        let sample = entries.prefix(PolicyWorkspace.passRows), attackedSample = attacked.prefix(PolicyWorkspace.passRows)
        #expect(compare(sample, clean: false).largest < 1e-4)
        #expect(compare(attackedSample, clean: false).largest < 1e-4)
        #expect(compare(attackedSample, clean: true).differing > attackedSample.count / 2)
    }

    /// The checkpoint names the attack; resuming it without the same attack is refused.
    @Test func aCheckpointSaysWhatItWasTrainedUnder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gridmmo-robust-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/checkpoint.safetensors"
        let robust = Self.trainer(threads: 1, kind: .uniform)
        #expect(robust.stateJSON(elapsedSeconds: 0).contains("\"perturbation\": \"uniform epsilon 0.1 tile-flips 2 fraction 0.75\""))
        try robust.save(to: path, elapsedSeconds: 1)
        #expect(throws: CheckpointError.self) { _ = try Self.trainer(threads: 1, kind: nil).resume(from: path) }
        #expect(throws: CheckpointError.self) { _ = try Self.trainer(threads: 1, kind: .gaussian).resume(from: path) }
        #expect(try Self.trainer(threads: 1, kind: .uniform).resume(from: path) == 1)
    }
}
