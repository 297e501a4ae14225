import ArgumentParser
import MMOCore

/// The `gridmmo` command: one entry point for simulation, maps, replays, configs and benchmarks.
/// An interrupted or terminated run (SIGINT, SIGTERM) deletes its unfinished files first.
@main
struct GridMMO: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gridmmo",
        abstract: "A deterministic Neural-MMO-style multi-agent world: simulate, inspect and benchmark.",
        subcommands: [Simulate.self, Soak.self, Maps.self, ReplayCommand.self, View.self, Bench.self, ConfigCommand.self, EnvCommand.self, Tasks.self]
    )

    static func main() {
        TemporaryFiles.removeOnTermination()
        main(nil)
    }
}
