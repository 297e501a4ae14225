import ArgumentParser
import Foundation
import MMOCore
import MMOEnv

/// `gridmmo soak`: a long run with random valid actions over every head that checks the world's
/// invariants (`WorldInvariants`) after every tick of every environment and fails on the first
/// violation. With `--curriculum`, agents are dealt tasks and every step's task rewards and
/// observed progress are checked too (`TaskBufferCheck`).
struct Soak: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run environments with random actions and check the world invariants every tick.")

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var mapOptions: MapOptions
    @OptionGroup var batch: BatchOptions
    @OptionGroup var curriculum: CurriculumOptions

    @Option(parsing: .unconditional, help: "Ticks to step every environment (episodes auto-reset).")
    var ticks: Int = 10_000

    func validate() throws {
        guard (1...10_000_000).contains(ticks) else { throw ValidationError("--ticks must be in 1...10000000, got \(ticks)") }
    }

    func run() throws {
        let scripted = try ScriptedRun(config: configOptions, maps: mapOptions, batch: batch, policy: .random, curriculum: curriculum)
        let env = scripted.env
        let findings = SoakFindings(environments: env.environmentCount)
        env.afterTick = { environment, world in
            findings.check(environment: environment, world: world)
        }
        print("soaking \(env.environmentCount) x \(env.agentsPerEnv) agents for \(ticks) ticks on \(env.threads) thread(s), seed \(batch.seed)")
        let progress = ProgressLine(total: ticks)
        let clock = ContinuousClock()
        let start = clock.now
        for tick in 1...ticks {
            scripted.act()
            try scripted.step()
            progress.update(done: tick, agentSteps: env.agentSteps)
            if let failure = findings.first {
                progress.finish()
                throw ValidationError("invariant broken in environment \(failure.environment) at tick \(failure.tick): \(failure.message)")
            }
            if let problem = TaskBufferCheck.firstProblem(env: env, buffers: scripted.storage.buffers) {
                progress.finish()
                throw ValidationError("task check failed after step \(tick): \(problem)")
            }
        }
        progress.finish()
        let seconds = (clock.now - start).seconds
        let checked = env.curriculum == nil ? "invariants" : "invariants and task rewards"
        print("ok: \(env.agentSteps) living agent-steps (\(ticks * env.totalAgents) slot-steps), \(env.finishedEpisodes.count) episodes, \(checked) held after every tick (\(String(format: "%.1f", seconds)) s)")
    }
}

/// The first invariant violation per environment, written from the worker thread that owns it.
final class SoakFindings: @unchecked Sendable {
    struct Failure {
        let environment: Int
        let tick: Int
        let message: String
    }

    private let environments: Int
    /// One entry per environment, each written only by the thread stepping that environment.
    private let failures: UnsafeMutablePointer<Failure?>

    init(environments: Int) {
        self.environments = environments
        failures = .allocate(capacity: environments)
        failures.initialize(repeating: nil, count: environments)
    }

    deinit {
        failures.deinitialize(count: environments)
        failures.deallocate()
    }

    func check(environment: Int, world: World) {
        guard failures[environment] == nil, let message = WorldInvariants.violations(in: world).first else { return }
        failures[environment] = Failure(environment: environment, tick: world.tick, message: message)
    }

    /// The violation of the lowest-numbered environment, if any.
    var first: Failure? {
        for environment in 0..<environments { if let failure = failures[environment] { return failure } }
        return nil
    }
}
