import MMOAttack
import MMOEnv

/// Align's passive phase on an `AttackFixture`: random play with a frame loaded at every step, and
/// a small misalignment model fitted on what a collector kept; then the same world anew (its
/// tenth tick, where most agents still live) for the attack. Not a test itself.
struct AlignFixture {
    /// One fit shared by the suites that only read it.
    nonisolated(unsafe) static let shared = Result { try AlignFixture() }

    let fixture: AttackFixture
    let targets: AttackTargets
    let samples: AlignmentSamples
    let model: MisalignmentModel
    let fit: AlignmentFitReport

    /// Two environments (16 teams); `steps` steps of collection (up to `capacity` samples of M = half of each team) and a fit of
    /// a model with one hidden layer of 32 for `epochs` epochs.
    init(steps: Int = 30, capacity: Int = 200, epochs: Int = 8) throws {
        let passive = try AttackFixture(environments: 2)
        targets = passive.targets()
        let frame = passive.frame(budget: .none, targets: targets)
        let collector = AlignmentCollector(targets: targets, encoding: AlignmentEncoding(surface: frame.surface), capacity: capacity, seed: 11)
        try passive.play(frame: frame, steps: steps) { collector.collect($0) }
        samples = collector.samples
        var config = MisalignmentModelConfig()
        config.hidden = [32]
        config.maximumEpochs = epochs
        config.batchSize = 32
        model = MisalignmentModel(places: targets.groupSize, dimension: samples.dimension, config: config)
        fit = model.fit(samples, threads: 1)
        fixture = try AttackFixture(environments: 2)
    }
}

extension AttackFixture {
    /// Plays `steps` more steps of random play (seeded by `seed`), loading `frame` before each
    /// step's actions and handing it to `body`.
    func play(frame: AttackFrame, steps: Int, seed: UInt64 = 9, _ body: (AttackFrame) -> Void) throws {
        let policy = RandomPolicy(env: env, seed: seed)
        for _ in 0..<steps {
            frame.load(storage.buffers)
            body(frame)
            policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
            try env.step(actions: storage.actionRows, into: storage.buffers)
            frame.noteEpisodeEnds(storage.buffers)
        }
    }
}
