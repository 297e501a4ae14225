import Foundation
import MMOCore
import MMOEval
import MMOTrain

/// Runs the clean baseline and then every setting of a study on the same scheduled episodes, and
/// summarises each against the clean run. Attacks that fit f_theta first play the collection
/// schedule (never the evaluated episodes) to gather their sample budget.
public final class AttackStudy {
    public let runner: AttackRunner
    public let schedule: EpisodeSchedule
    public let teamSize: Int
    public let seed: UInt64
    public let statistics: InterquartileMean
    /// Called before each setting (index, count, setting) and after it (its result).
    public var progress: ((Int, Int, AttackSetting) -> Void)?
    public var finished: ((SettingResult) -> Void)?
    /// The f_theta models fitted so far.
    private lazy var alignment = AlignmentModels(study: self)

    public init(runner: AttackRunner, schedule: EpisodeSchedule, teamSize: Int, seed: UInt64, resamples: Int) {
        precondition(teamSize > 0 && runner.env.agentsPerEnv % teamSize == 0, "teams of \(teamSize) do not split \(runner.env.agentsPerEnv) players")
        self.runner = runner
        self.schedule = schedule
        self.teamSize = teamSize
        self.seed = seed
        statistics = InterquartileMean(resamples: resamples, seed: SplitMix64.mix(seed ^ 0xB007_5742))
    }

    /// The policy's sampling seed: the same in every setting, so settings differ only by the attack.
    public var policySeed: UInt64 { SplitMix64.mix(seed ^ 0x9011_C7) }
    /// Each attack's own seed.
    public var attackSeed: UInt64 { SplitMix64.mix(seed ^ 0xA77A_C4) }

    /// Refuses settings this study cannot run, before anything is played: Align on fewer than two
    /// attacked agents per team, white-box attacks on a recurrent policy.
    public func check(_ settings: [AttackSetting]) throws {
        for setting in settings {
            let count = AttackTargets.count(fraction: setting.fraction, teamSize: teamSize)
            if setting.attack == .align || setting.attack == .alignTargeted, count < 2 { throw AttackStudyError.tooFewPlaces(count) }
            if setting.attack.isWhiteBox, runner.network.sizes.recurrent { throw AttackStudyError.needsFeedforward(setting.attack) }
        }
    }

    /// Plays the clean run and every setting; returns the clean result first.
    public func run(_ settings: [AttackSetting]) throws -> [SettingResult] {
        try check(settings)
        let all = [AttackSetting.clean] + settings
        var results: [SettingResult] = []
        var clean: [EpisodeOutcome] = []
        for (index, setting) in all.enumerated() {
            progress?(index, all.count, setting)
            let prepared = try prepare(setting)
            let frame = makeFrame(setting: setting, targets: prepared.targets)
            let played = try runner.play(0..<schedule.episodes, of: schedule, frame: frame, attack: prepared.attack, policySeed: policySeed,
                                         observe: prepared.observe)
            if setting.attack == .clean { clean = played.outcomes }
            let result = SettingResult(setting: setting, played: played, clean: clean, perturbation: frame.statistics,
                                       alignment: prepared.evidence(), statistics: statistics)
            finished?(result)
            results.append(result)
        }
        return results
    }

    func makeFrame(setting: AttackSetting, targets: AttackTargets) -> AttackFrame {
        let network = runner.network
        let surface = AttackSurface(features: network.observation, includesTask: setting.budget.perturbsTask, taskEmbeddings: network.taskTable)
        return AttackFrame(surface: surface, targets: targets, budget: setting.budget, maskWidth: network.maskWidth, threads: runner.env.threads)
    }

    /// Targets drawn from the seed: the same places for every setting with the same fraction.
    func randomTargets(fraction: Double) -> AttackTargets {
        AttackTargets.random(fraction: fraction, agentsPerEnv: runner.env.agentsPerEnv, environments: runner.env.environmentCount,
                             teamSize: teamSize, seed: attackSeed)
    }

    /// Targets attacking `slots` of every team.
    func targets(slots: [Int]) -> AttackTargets {
        AttackTargets(agentsPerEnv: runner.env.agentsPerEnv, environments: runner.env.environmentCount, teamSize: teamSize, slots: slots)
    }

    /// The samples f_theta is fitted on when it only probes an attack that does not use it (0:
    /// no probe for such attacks).
    public var probeSamples = 1000
    /// f_theta's size and fitting (the seed is derived from the study's).
    public var modelConfig = MisalignmentModelConfig()

    /// An attack ready to play: who it hits, the attack itself, what watches each step, and the
    /// misalignment evidence it gathers.
    struct Prepared {
        let targets: AttackTargets
        let attack: ObservationAttack?
        var observe: ((AttackFrame) -> Void)? = nil
        var evidence: () -> AlignmentEvidence? = { nil }
    }

    /// The setting's targets and attack, and (for every attack on teams of at least two attacked
    /// places) a probe measuring J clean and attacked with f_theta fitted on the setting's samples
    /// (`probeSamples` for attacks that do not use samples).
    func prepare(_ setting: AttackSetting) throws -> Prepared {
        guard setting.attack != .clean else { return Prepared(targets: randomTargets(fraction: 0), attack: nil) }
        let count = AttackTargets.count(fraction: setting.fraction, teamSize: teamSize)
        let samples = setting.attack.usesSamples ? setting.samples : probeSamples
        let targets = setting.attack.isTargeted ? try alignment.mostAligned(count: count, samples: samples) : randomTargets(fraction: setting.fraction)
        let fit = targets.groupSize >= 2 && samples > 0 ? try alignment.model(samples: samples, targets: targets) : nil
        let attack: ObservationAttack
        switch setting.attack {
        case .clean: preconditionFailure("handled above")
        case .uniform: attack = NoiseAttack(kind: .uniform, seed: attackSeed)
        case .gaussian: attack = NoiseAttack(kind: .gaussian, seed: attackSeed)
        case .exponential: attack = NoiseAttack(kind: .exponential, seed: attackSeed)
        case .ou: attack = NoiseAttack(kind: .ornsteinUhlenbeck, seed: attackSeed)
        case .hadamard, .hadamardTargeted: attack = HadamardAttack(seed: attackSeed, name: setting.attack.rawValue)
        case .align, .alignTargeted:
            guard let (model, _) = fit else { throw AttackStudyError.tooFewPlaces(targets.groupSize) }
            attack = AlignAttack(model: model, steps: setting.steps, name: setting.attack.rawValue)
        case .fgsm, .pgd:
            guard !runner.network.sizes.recurrent else { throw AttackStudyError.needsFeedforward(setting.attack) }
            attack = WhiteBoxAttack(network: runner.network, method: setting.attack == .fgsm ? .fgsm : .pgd(steps: setting.steps))
        }
        guard let (model, report) = fit else { return Prepared(targets: targets, attack: attack) }
        let probe = MisalignmentProbe(model: model)
        return Prepared(targets: targets, attack: attack, observe: { probe.measure($0) }, evidence: {
            AlignmentEvidence(samples: report.samples, trainMSE: report.trainMSE, validationMSE: report.validationMSE, baselineMSE: report.baselineMSE,
                              cleanJ: probe.tally.clean, attackedJ: probe.tally.attacked)
        })
    }
}

/// Why a study could not run a setting.
public enum AttackStudyError: Error, CustomStringConvertible {
    /// Align predicts a member from its teammates: it needs at least two attacked places per team.
    case tooFewPlaces(Int)
    /// The white-box attacks read a feedforward network's gradients.
    case needsFeedforward(AttackKind)

    public var description: String {
        switch self {
        case .tooFewPlaces(let count): return "Align needs at least 2 attacked agents per team, got \(count) (raise --fraction or the team size)"
        case .needsFeedforward(let kind): return "attack '\(kind.rawValue)' needs a feedforward policy (this one is recurrent)"
        }
    }
}
