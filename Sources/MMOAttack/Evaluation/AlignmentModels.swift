import MMOCore

/// The misalignment models (f_theta) a study fits, each once: for a sample budget and a set of
/// attacked places, collect that many team-steps of clean play on the collection schedule (never
/// the evaluated episodes), then fit. The targeted variants first fit a model over the whole team
/// to find the most aligned places, then one over those places.
final class AlignmentModels {
    private let study: AttackStudy
    private var fitted: [(samples: Int, slots: [Int], model: MisalignmentModel, report: AlignmentFitReport)] = []
    private var teamFits: [(samples: Int, collector: AlignmentCollector, report: AlignmentFitReport)] = []

    init(study: AttackStudy) {
        self.study = study
    }

    /// The model of M = `targets.slots` fitted on `samples` team-steps, and its fit.
    func model(samples: Int, targets: AttackTargets) throws -> (MisalignmentModel, AlignmentFitReport) {
        guard targets.groupSize >= 2 else { throw AttackStudyError.tooFewPlaces(targets.groupSize) }
        if let done = fitted.first(where: { $0.samples == samples && $0.slots == targets.slots }) { return (done.model, done.report) }
        // The full team's samples already hold those places: reuse them when collected.
        let samplesOfPlaces: AlignmentSamples
        if let team = teamFits.first(where: { $0.samples == samples }) {
            samplesOfPlaces = team.collector.samples.restricted(to: targets.slots)
        } else {
            samplesOfPlaces = try collect(samples: samples, targets: targets).samples
        }
        let model = MisalignmentModel(places: targets.groupSize, dimension: encoding.dimension, config: config)
        let report = model.fit(samplesOfPlaces, threads: study.runner.env.threads)
        fitted.append((samples, targets.slots, model, report))
        return (model, report)
    }

    /// The `count` most aligned places (lowest clean J_i of a model fitted over the whole team on
    /// `samples` team-steps), as targets.
    func mostAligned(count: Int, samples: Int) throws -> AttackTargets {
        let team = study.targets(slots: Array(0..<study.teamSize))
        let report: AlignmentFitReport
        if let done = teamFits.first(where: { $0.samples == samples }) {
            report = done.report
        } else {
            let collector = try collect(samples: samples, targets: team)
            let model = MisalignmentModel(places: team.groupSize, dimension: encoding.dimension, config: config)
            report = model.fit(collector.samples, threads: study.runner.env.threads)
            teamFits.append((samples, collector, report))
        }
        return AlignTargeting.targets(team: team, fit: report, count: count)
    }

    /// What f_theta reads and predicts: the perturbable vector (without the goal) and tile counts.
    private var encoding: AlignmentEncoding { AlignmentEncoding(surface: AttackSurface(features: study.runner.network.observation)) }

    private var config: MisalignmentModelConfig {
        var config = study.modelConfig
        config.seed = SplitMix64.mix(study.seed ^ 0xF17_7E7A)
        return config
    }

    /// Plays clean collection batches until `samples` team-steps of `targets`' places were seen
    /// (at least one batch, at most 16), keeping a uniform sample of them.
    private func collect(samples: Int, targets: AttackTargets) throws -> AlignmentCollector {
        let collector = AlignmentCollector(targets: targets, encoding: encoding, capacity: samples, seed: study.attackSeed)
        let frame = study.makeFrame(setting: .clean, targets: targets)
        let batch = study.runner.env.environmentCount, schedule = study.schedule.collection
        var start = 0
        repeat {
            _ = try study.runner.play(start..<start + batch, of: schedule, frame: frame, attack: nil, policySeed: study.policySeed ^ 0xC011,
                                      observe: collector.collect)
            start += batch
        } while collector.seen < samples && start < 16 * batch
        return collector
    }
}
