import ArgumentParser
import Foundation
import MMOAttack
import MMOCore
import MMOEnv
import MMONet
import MMOTasks
import MMOTrain

/// `gridmmo attack`: evaluates a trained policy under observation attacks on held-out episodes.
/// One value per list option runs one setting; several run the sweep over their combinations.
struct AttackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attack",
        abstract: "Measure how much observation attacks hurt a trained policy (one setting, or a sweep over comma-separated lists).")

    @Option(help: "Checkpoint written by gridmmo train (the victim).")
    var policy: String

    @Option(help: "Attacks, comma-separated: \(AttackKind.allCases.filter { $0 != .clean }.map(\.rawValue).joined(separator: ", ")).")
    var attack: String = "align"

    @Option(help: "L-infinity budgets (fractions of each feature's range), comma-separated.")
    var eps: String = "0.1"

    @Option(help: "Tile flips per agent per step (L0 budget), comma-separated.")
    var flips: String = "0"

    @Option(help: "Fractions of each team attacked, comma-separated (0 < f <= 1).")
    var fraction: String = "0.5"

    @Option(help: "The attacker's samples (team-steps collected) for f_theta, comma-separated.")
    var samples: String = "1000"

    @Option(name: .customLong("steps"), help: "Gradient steps K per environment step (Align, PGD), comma-separated.")
    var gradientSteps: String = "1"

    @Option(parsing: .unconditional, help: "Samples of the f_theta that measures J clean vs attacked for attacks that fit none themselves (0: no such measurement).")
    var probeSamples: Int = 1000

    @Flag(help: "Round perturbed features to values the game can produce.")
    var realisable = false

    @Flag(help: "Ablation: also perturb the goal (task embedding and progress).")
    var perturbTask = false

    @Option(parsing: .unconditional, help: "Episodes per setting (the same episodes for every setting).")
    var episodes: Int = 50

    @Option(help: "Directory for report.md, results.json and the plots.")
    var out: String

    @OptionGroup var heldOut: HeldOutOptions

    @Option(parsing: .unconditional, help: "Teams per world (the attacked groups); players must split evenly.")
    var teams: Int = 16

    @Option(parsing: .unconditional, help: "Worlds played together.")
    var envs: Int = 8

    @Option(parsing: .unconditional, help: "Worker threads (default: the number of cores); results do not depend on it.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(parsing: .unconditional, help: "Seed of the episodes, the attacked places, the attacks and the bootstrap.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Bootstrap resamples for the intervals.")
    var resamples: Int = 10_000

    func validate() throws {
        guard (1...100_000).contains(episodes) else { throw ValidationError("--episodes must be in 1...100000, got \(episodes)") }
        guard (1...4096).contains(teams) else { throw ValidationError("--teams must be in 1...4096, got \(teams)") }
        guard (1...4096).contains(envs) else { throw ValidationError("--envs must be in 1...4096, got \(envs)") }
        guard (1...1024).contains(threads) else { throw ValidationError("--threads must be in 1...1024, got \(threads)") }
        guard probeSamples == 0 || (10...1_000_000).contains(probeSamples) else {
            throw ValidationError("--probe-samples must be 0 or in 10...1000000, got \(probeSamples)")
        }
        guard (0...1_000_000).contains(resamples) else { throw ValidationError("--resamples must be in 0...1000000, got \(resamples)") }
        _ = try settings()
    }

    /// The settings the list options name, checked.
    func settings() throws -> [AttackSetting] {
        let kinds = try Self.list(attack, "--attack") { AttackKind(rawValue: $0).flatMap { $0 == .clean ? nil : $0 } }
        let epsilons = try Self.list(eps, "--eps") { Float($0).flatMap { (0...1).contains($0) ? $0 : nil } }
        let flipCounts = try Self.list(flips, "--flips") { Int($0).flatMap { (0...225).contains($0) ? $0 : nil } }
        let fractions = try Self.list(fraction, "--fraction") { Double($0).flatMap { $0 > 0 && $0 <= 1 ? $0 : nil } }
        let sampleCounts = try Self.list(samples, "--samples") { Int($0).flatMap { (10...1_000_000).contains($0) ? $0 : nil } }
        let stepCounts = try Self.list(gradientSteps, "--steps") { Int($0).flatMap { (1...1000).contains($0) ? $0 : nil } }
        return AttackSetting.sweep(attacks: kinds, epsilons: epsilons, flips: flipCounts, fractions: fractions, samples: sampleCounts,
                                   steps: stepCounts, realisable: realisable, perturbsTask: perturbTask)
    }

    /// A progress line on standard error, unbuffered, so a log shows it as it comes.
    static func progress(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// The comma-separated values of `text`, each parsed by `parse` (nil: invalid, named in the error).
    static func list<T>(_ text: String, _ flag: String, _ parse: (String) -> T?) throws -> [T] {
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !items.isEmpty else { throw ValidationError("\(flag) is empty") }
        return try items.map { item in
            guard let value = parse(item) else {
                let hint = flag == "--attack" ? "; choose from \(AttackKind.allCases.filter { $0 != .clean }.map(\.rawValue).joined(separator: ", "))" : ""
                throw ValidationError("\(flag): '\(item)' is not valid\(hint)")
            }
            return value
        }
    }

    func run() throws {
        let settings = try self.settings()
        var config = try heldOut.config()
        guard config.players.count % teams == 0 else {
            throw ValidationError("--teams \(teams) does not split \(config.players.count) players evenly")
        }
        config.players.teams = teams == 1 ? 0 : teams
        let (gameMaps, _, mapsLabel) = try heldOut.loadMaps(config: config)
        let tasks = try heldOut.loadCurriculum()
        let layout = ObservationLayout(config: config, tasks: true, taskEmbeddingDimension: 0)
        let network: PolicyNetwork
        do {
            network = try PolicyCheckpoint.load(path: policy, layout: layout, actionLayout: ActionLayout(config: config), config: config).network
        } catch {
            throw ValidationError("--policy \(policy): \(error.description) (a checkpoint written by gridmmo train for these rules)")
        }
        // The policy, f_theta and the white-box attack run their own worker threads.
        BLASRuntime.setThreads(1)
        let runner = AttackRunner(network: network, config: config, maps: gameMaps, curriculum: tasks, environments: envs, threads: threads)
        let schedule = EpisodeSchedule(episodes: episodes, maps: gameMaps.count, seed: seed)
        let teamSize = config.players.count / teams
        let study = AttackStudy(runner: runner, schedule: schedule, teamSize: teamSize, seed: seed, resamples: resamples)
        study.probeSamples = probeSamples
        do { try study.check(settings) } catch { throw ValidationError("--attack: \(error)") }
        try EvalRun.prepareOutput(out)
        print("attacking \(policy): \(settings.count) setting(s) and the clean run, \(episodes) episodes each, \(teams) teams of \(teamSize), "
              + "\(envs) worlds at a time on \(runner.env.threads) thread(s), seed \(seed)")
        let clock = ContinuousClock()
        let start = clock.now
        var settingStart = clock.now
        study.progress = { index, count, setting in
            settingStart = clock.now
            Self.progress("[\(index + 1)/\(count)] \(setting.label) ...")
        }
        study.finished = { result in
            Self.progress(String(format: "    return %.3f [%.3f, %.3f], change %+.3f (%+.1f%%), completion %.1f%%, attack %.2f ms/step, policy %.2f ms/step, %.0f s",
                         result.meanReturn.value, result.meanReturn.lower, result.meanReturn.upper, result.returnChange.value, result.returnChangePercent,
                         100 * result.completion.value, result.attackMillisecondsPerStep, result.policyMillisecondsPerStep, (clock.now - settingStart).seconds))
        }
        let results = try study.run(settings)
        let bytes = FileManager.default.contents(atPath: policy) ?? Data()
        let report = AttackResults(
            policy: policy, policyDigest: "fnv1a:" + String(bytes.withUnsafeBytes { FNV1a.hash($0) }, radix: 16),
            config: heldOut.configName, maps: mapsLabel, curriculum: heldOut.curriculum,
            schedule: schedule, environments: envs, teams: teams, teamSize: teamSize, seed: seed, resamples: resamples, threads: runner.env.threads,
            command: (["gridmmo"] + CommandLine.arguments.dropFirst()).joined(separator: " "), seconds: (clock.now - start).seconds,
            results: results, findings: Finding.check(results, statistics: study.statistics))
        let paths = try report.write(to: out)
        for finding in report.findings {
            print(String(format: "%@: %@ vs %@: %+.3f [%.3f, %.3f]: %@", finding.claim, finding.first, finding.second, finding.difference.value,
                         finding.difference.lower, finding.difference.upper, finding.verdict))
        }
        print("wrote " + paths.joined(separator: ", "))
    }
}
