import Foundation
import MMOAttack
import MMOCore
import MMOEnv
import MMOTasks
import MMOTrain
import Testing

/// A sweep on a tiny setting runs end to end and writes a well-formed report.
@Suite struct AttackStudyTests {
    static func study(environments: Int = 2, threads: Int = 1, episodes: Int = 3) throws -> AttackStudy {
        let fixture = try AttackFixture(ticks: 0)
        var config = fixture.env.config
        config.episode.horizon = 12
        let runner = AttackRunner(network: fixture.network, config: config, maps: fixture.env.maps, curriculum: fixture.env.curriculum!,
                                  environments: environments, threads: threads)
        let study = AttackStudy(runner: runner, schedule: EpisodeSchedule(episodes: episodes, maps: 1, seed: 5), teamSize: 8, seed: 5, resamples: 200)
        study.probeSamples = 60
        study.modelConfig.hidden = [16]
        study.modelConfig.maximumEpochs = 3
        return study
    }

    static let settings = AttackSetting.sweep(attacks: [.gaussian, .hadamard], epsilons: [0.05, 0.2], flips: [0, 2], fractions: [0.5],
                                              samples: [100], steps: [1], realisable: false, perturbsTask: false)
        + AttackSetting.sweep(attacks: [.align, .alignTargeted, .hadamardTargeted], epsilons: [0.2], flips: [1], fractions: [0.5], samples: [60, 120],
                              steps: [2], realisable: false, perturbsTask: false)

    @Test func sweepWritesAWellFormedReport() throws {
        let study = try Self.study()
        #expect(Self.settings.count == 14)
        let results = try study.run(Self.settings)
        #expect(results.count == 15 && results[0].setting.attack == .clean)
        for result in results {
            #expect(result.episodes == 3 && result.outcomes.map(\.episode) == [0, 1, 2])
            #expect(result.meanEpisodeLength == 12)
            #expect(result.meanReturn.lower <= result.meanReturn.value && result.meanReturn.value <= result.meanReturn.upper)
            if result.setting.attack != .clean {
                #expect(result.perturbation.agentSteps > 0 && result.featuresChangedPerStep > 0)
                #expect(result.perturbation.largestChange <= result.setting.budget.epsilon * 1.0001)
                #expect(result.tilesFlippedPerStep == Double(result.setting.budget.tileFlips))
                #expect(!result.attackedReturn.value.isNaN && !result.unattackedReturn.value.isNaN)
                // Every attack on teams of 4 attacked agents is probed with f_theta.
                let alignment = try #require(result.alignment)
                #expect(alignment.samples == (result.setting.attack.usesSamples ? result.setting.samples : 60))
                #expect(alignment.validationMSE > 0 && alignment.cleanJ > 0 && alignment.attackedJ > 0)
                if result.setting.attack == .align { #expect(alignment.attackedJ > alignment.cleanJ, "\(result.label) did not raise J") }
            }
        }
        #expect(results[0].returnChange.value == 0)
        let report = AttackResults(policy: "tiny", policyDigest: "none", config: "small", maps: "generated", curriculum: "two tasks",
                                   schedule: study.schedule, environments: 2, teams: 8, teamSize: 8, seed: 5, resamples: 200, threads: 1,
                                   command: "test", seconds: 1, results: results, findings: Finding.check(results, statistics: study.statistics))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("attack-study-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let paths = try report.write(to: directory)
        #expect(paths.count == 4)
        let markdown = try String(contentsOfFile: directory + "/report.md", encoding: .utf8)
        for result in results { #expect(markdown.contains("| \(result.label) |")) }
        #expect(markdown.contains("## Misalignment (f_theta)"))
        #expect(report.findings.contains { $0.claim == "the targeted variant adds damage" })
        let decoded = try AttackResults.decode(Data(contentsOf: URL(fileURLWithPath: directory + "/results.json")))
        #expect(decoded.results.map(\.label) == results.map(\.label))
        for name in ["returns.svg", "completion.svg"] {
            let svg = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
            #expect(svg.components(separatedBy: "<circle").count - 1 == results.count)
        }
    }

    /// The white-box settings play against the study's own network, inside their budget.
    @Test func whiteBoxSettingsRun() throws {
        let budget = PerturbationBudget(epsilon: 0.05, tileFlips: 1)
        let settings = [AttackSetting(attack: .fgsm, budget: budget, fraction: 0.5), AttackSetting(attack: .pgd, budget: budget, fraction: 0.5, steps: 3)]
        let results = try Self.study(episodes: 2).run(settings)
        #expect(results.map(\.label) == ["clean", "fgsm eps=0.05 k=1 m=50%", "pgd eps=0.05 k=1 m=50% K=3"])
        for result in results.dropFirst() {
            #expect(result.perturbation.agentSteps > 0 && result.featuresChangedPerStep > 10)
            #expect(result.perturbation.largestChange <= budget.epsilon * 1.0001 && result.perturbation.largestChange > budget.epsilon / 2)
            #expect(result.tilesFlippedPerStep > 0 && result.tilesFlippedPerStep <= 1)
        }
    }

    /// The same study on 1 and 2 threads gives the same episodes.
    @Test func resultsDoNotDependOnThreads() throws {
        let settings = [AttackSetting(attack: .ou, budget: PerturbationBudget(epsilon: 0.2, tileFlips: 1), fraction: 0.5)]
        let one = try Self.study(threads: 1, episodes: 2).run(settings)
        let two = try Self.study(threads: 2, episodes: 2).run(settings)
        // Compared as text: the clean run's attacked-agent means are nan.
        #expect("\(one.map(\.outcomes))" == "\(two.map(\.outcomes))")
        #expect(one[1].outcomes.allSatisfy { !$0.attackedReturn.isNaN })
    }
}
