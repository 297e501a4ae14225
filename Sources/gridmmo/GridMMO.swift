import ArgumentParser
import Foundation
import MMOCore
import MMONet

/// The `gridmmo` command: one entry point for simulation, maps, replays, configs and benchmarks.
/// An interrupted or terminated run (SIGINT, SIGTERM) deletes its unfinished files first. A run
/// that OpenBLAS started on its slow fallback kernels restarts itself on the fast ones first.
@main
struct GridMMO: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gridmmo",
        abstract: "A deterministic Neural-MMO-style multi-agent world: simulate, inspect and benchmark.",
        subcommands: [Simulate.self, Train.self, Eval.self, AttackCommand.self, Soak.self, Maps.self, ReplayCommand.self, View.self, Bench.self, ConfigCommand.self, EnvCommand.self, Tasks.self]
    )

    /// Parses and runs the command line. A failure is one line on standard error, `Error: ` and the
    /// message naming the flag or file, without the usage text ArgumentParser would add, and exits
    /// with ArgumentParser's status (64 for a bad argument); help and version requests print as usual.
    static func main() {
        BLASRuntime.reexecWithFastKernelsIfNeeded()
        TemporaryFiles.removeOnTermination()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let message = message(for: error)
            let status = exitCode(for: error)
            guard !status.isSuccess, !message.isEmpty else { exit(withError: error) }
            FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
            Foundation.exit(status.rawValue)
        }
    }
}
