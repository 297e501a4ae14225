import ArgumentParser
import Foundation
import MMOCore
import MMOEnv

/// `gridmmo bench`: a quick wall-clock throughput check of the batched step (observations and
/// masks included, scripted actions generated outside the timed region). The reference figures
/// come from `make bench`.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure agent-steps per second of the batched step.")

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var mapOptions: MapOptions
    @OptionGroup var batch: BatchOptions
    @OptionGroup var curriculum: CurriculumOptions

    @Option(help: "Scripted policy choosing the actions (drawn outside the timed region).")
    var policy: PolicyChoice = .random

    @Option(help: "Ticks per repetition.") var ticks: Int = 256
    @Option(help: "Repetitions; the median is reported.") var repetitions: Int = 5

    func validate() throws {
        guard (1...1_000_000).contains(ticks) else { throw ValidationError("--ticks must be in 1...1000000, got \(ticks)") }
        guard (1...1000).contains(repetitions) else { throw ValidationError("--repetitions must be in 1...1000, got \(repetitions)") }
    }

    func run() throws {
        let scripted = try ScriptedRun(config: configOptions, maps: mapOptions, batch: batch, policy: policy, curriculum: curriculum)
        let env = scripted.env
        let clock = ContinuousClock()
        var rates: [Double] = []
        for _ in 0..<repetitions {
            var stepTime = Duration.zero
            for _ in 0..<ticks {
                scripted.act()
                let start = clock.now
                try scripted.step()
                stepTime += clock.now - start
            }
            rates.append(Double(ticks * env.totalAgents) / stepTime.seconds)
        }
        rates.sort()
        let median = rates[rates.count / 2]
        print("\(env.environmentCount) envs x \(env.agentsPerEnv) agents, \(self.policy.rawValue) policy, \(env.threads) thread(s), \(ticks) ticks x \(repetitions): median \(Int(median)) agent-steps/s (min \(Int(rates.first!)), max \(Int(rates.last!)))")
    }
}
