import MMOCore
import MMOTasks
import Testing
@testable import MMOTrain

/// The same seed and thread count give the same first updates, loss for loss; another seed does not.
@Suite struct TrainerDeterminismTests {
    func firstUpdates(seed: UInt64, threads: Int) -> [PPOObjective.Statistics] {
        var config = PPOConfig()
        config.environments = 2
        config.rolloutSteps = 8
        config.minibatchSize = 256
        config.threads = threads
        config.seed = seed
        var sizes = PolicyConfig()
        sizes.hiddenWidth = 32
        sizes.tileWidth = 32
        let game = Config.small
        let curriculum = Curriculum(specs: [
            TaskSpec(name: "eat", predicate: .countEvent(event: Int(EventKind.eatFood.rawValue), count: 1)),
            TaskSpec(name: "drink", predicate: .countEvent(event: Int(EventKind.drinkWater.rawValue), count: 1)),
        ])
        let trainer = Trainer(config: config, policy: sizes, game: game, maps: [TerrainGenerator.generate(config: game, seed: 4)], curriculum: curriculum)
        return (0..<3).map { _ in trainer.iterate(progress: 0).losses }
    }

    @Test func theSameSeedAndThreadCountRepeatTheFirstThreeUpdates() {
        let first = firstUpdates(seed: 7, threads: 2)
        #expect(first.allSatisfy { $0.samples > 0 })
        #expect(firstUpdates(seed: 7, threads: 2) == first)
        #expect(firstUpdates(seed: 8, threads: 2) != first)
    }
}
