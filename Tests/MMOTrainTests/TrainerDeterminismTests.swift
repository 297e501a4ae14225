import MMOCore
import MMOTasks
import Testing
@testable import MMOTrain

/// The same seed gives the same updates, loss for loss and parameter for parameter, whatever the
/// thread count; another seed does not.
@Suite struct TrainerDeterminismTests {
    struct Run: Equatable {
        let losses: [PPOObjective.Statistics]
        let parameters: [Float]
    }

    /// Two updates on 4 small worlds (256 agents: two inference passes per step) with minibatches
    /// of 600 samples (three update passes each), so two and three threads really split the work.
    /// Recurrent: BPTT segments of 2 steps, so 300 sequences a minibatch in three passes of 128.
    func firstUpdates(seed: UInt64, threads: Int, recurrent: Bool = false) -> Run {
        var config = PPOConfig()
        config.environments = 4
        config.rolloutSteps = 4
        config.minibatchSize = 600
        config.threads = threads
        config.seed = seed
        config.bpttSteps = 2
        var sizes = PolicyConfig()
        sizes.hiddenWidth = 32
        sizes.tileWidth = 32
        sizes.tileChannels = 8
        sizes.recurrent = recurrent
        let game = Config.small
        let curriculum = Curriculum(specs: [
            TaskSpec(name: "eat", predicate: .countEvent(event: Int(EventKind.eatFood.rawValue), count: 1)),
            TaskSpec(name: "drink", predicate: .countEvent(event: Int(EventKind.drinkWater.rawValue), count: 1)),
        ])
        let trainer = Trainer(config: config, policy: sizes, game: game, maps: [TerrainGenerator.generate(config: game, seed: 4)], curriculum: curriculum)
        let losses = (0..<2).map { _ in trainer.iterate(progress: 0).losses }
        return Run(losses: losses, parameters: trainer.network.parameters.values.array)
    }

    @Test func theSameSeedRepeatsOnAnyThreadCount() {
        let first = firstUpdates(seed: 7, threads: 1)
        #expect(first.losses.allSatisfy { $0.samples > 600 })
        #expect(firstUpdates(seed: 7, threads: 2) == first)
        #expect(firstUpdates(seed: 7, threads: 3) == first)
        #expect(firstUpdates(seed: 8, threads: 2) != first)
    }

    @Test func theRecurrentTrainerRepeatsOnAnyThreadCount() {
        let first = firstUpdates(seed: 7, threads: 1, recurrent: true)
        #expect(first.losses.allSatisfy { $0.samples > 600 && $0.policyLoss.isFinite && $0.valueLoss > 0 })
        #expect(firstUpdates(seed: 7, threads: 2, recurrent: true) == first)
    }
}
