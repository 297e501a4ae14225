import ArgumentParser
import Foundation
import MMOCore
import MMOEnv

/// `gridmmo bench` (`gridmmo bench step`): a quick wall-clock throughput check of the batched step (observations and
/// masks included, scripted actions generated outside the timed region, whose own cost is
/// reported apart, in nanoseconds per agent-step), in agent-steps: one per
/// living agent per tick, the samples a learner receives (`VecEnv.agentSteps`). Slot-steps (ticks
/// x agent slots, dead ones included) are shown beside, labelled. The reference figures come from
/// `make bench`; `--immortal` gives the full-population steady-state workload.
struct BenchStep: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "step", abstract: "Measure living agent-steps per second of the batched step.")

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var mapOptions: MapOptions
    @OptionGroup var batch: BatchOptions
    @OptionGroup var curriculum: CurriculumOptions

    @Option(help: "Policy choosing the actions (timed apart from the step): random, forager, combat, or a checkpoint file from gridmmo train.")
    var policy: PolicyChoice = .random

    @Option(parsing: .unconditional, help: "Ticks per repetition.") var ticks: Int = 256
    @Option(parsing: .unconditional, help: "Repetitions; the median is reported.") var repetitions: Int = 5

    func validate() throws {
        guard (1...1_000_000).contains(ticks) else { throw ValidationError("--ticks must be in 1...1000000, got \(ticks)") }
        guard (1...1000).contains(repetitions) else { throw ValidationError("--repetitions must be in 1...1000, got \(repetitions)") }
    }

    func run() throws {
        let scripted = try ScriptedRun(config: configOptions, maps: mapOptions, batch: batch, policy: policy, curriculum: curriculum)
        let env = scripted.env
        let clock = ContinuousClock()
        var rates: [Double] = [], policyCosts: [Double] = []
        let stepsBefore = env.agentSteps
        for _ in 0..<repetitions {
            var stepTime = Duration.zero, policyTime = Duration.zero
            let repetitionStart = env.agentSteps
            for _ in 0..<ticks {
                let policyStart = clock.now
                scripted.act()
                let start = clock.now
                try scripted.step()
                stepTime += clock.now - start
                policyTime += start - policyStart
            }
            let repetitionSteps = Double(env.agentSteps - repetitionStart)
            rates.append(repetitionSteps / stepTime.seconds)
            policyCosts.append(policyTime.seconds * 1e9 / max(repetitionSteps, 1))
        }
        let sorted = rates.sorted()
        let policyCost = policyCosts.sorted()[policyCosts.count / 2]
        let agentSteps = env.agentSteps - stepsBefore
        let slotSteps = repetitions * ticks * env.totalAgents
        let workload = scripted.config.players.immortal ? "immortal players" : "mortal players"
        print("\(env.environmentCount) envs x \(env.agentsPerEnv) agents, \(self.policy.name) policy, \(workload), \(env.threads) thread(s), \(ticks) ticks x \(repetitions): "
              + "median \(Int(sorted[sorted.count / 2])) agent-steps/s (min \(Int(sorted.first!)), max \(Int(sorted.last!))); "
              + "\(agentSteps) agent-steps in \(slotSteps) slot-steps (\(String(format: "%.1f", 100 * Double(agentSteps) / Double(slotSteps)))% alive); "
              + "policy (untimed above) median \(String(format: "%.1f", policyCost)) ns per agent-step")
    }
}
