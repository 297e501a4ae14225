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

    /// Plays the clean run and every setting; returns the clean result first.
    public func run(_ settings: [AttackSetting]) throws -> [SettingResult] {
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

    /// An attack ready to play: who it hits, the attack itself, what watches each step, and the
    /// misalignment evidence it gathers.
    struct Prepared {
        let targets: AttackTargets
        let attack: ObservationAttack?
        var observe: ((AttackFrame) -> Void)? = nil
        var evidence: () -> AlignmentEvidence? = { nil }
    }

    func prepare(_ setting: AttackSetting) throws -> Prepared {
        let targets = randomTargets(fraction: setting.fraction)
        switch setting.attack {
        case .clean:
            return Prepared(targets: targets, attack: nil)
        case .uniform:
            return Prepared(targets: targets, attack: NoiseAttack(kind: .uniform, seed: attackSeed))
        case .gaussian:
            return Prepared(targets: targets, attack: NoiseAttack(kind: .gaussian, seed: attackSeed))
        case .exponential:
            return Prepared(targets: targets, attack: NoiseAttack(kind: .exponential, seed: attackSeed))
        case .ou:
            return Prepared(targets: targets, attack: NoiseAttack(kind: .ornsteinUhlenbeck, seed: attackSeed))
        case .hadamard:
            return Prepared(targets: targets, attack: HadamardAttack(seed: attackSeed))
        case .hadamardTargeted, .align, .alignTargeted, .fgsm, .pgd:
            throw AttackStudyError.unavailable(setting.attack)
        }
    }
}

/// Why a study could not run a setting.
public enum AttackStudyError: Error, CustomStringConvertible {
    case unavailable(AttackKind)

    public var description: String {
        switch self {
        case .unavailable(let kind): return "attack '\(kind.rawValue)' is not available"
        }
    }
}
