import ArgumentParser
import Foundation
import Testing
@testable import gridmmo

/// Runs `gridmmo` command lines in-process for the CLI tests.
enum CommandRunner {
    /// The error message a command line produces, parsing and running it, or `nil` when it succeeds.
    static func failure(_ arguments: [String]) -> String? {
        do {
            var command = try GridMMO.parseAsRoot(arguments)
            try command.run()
            return nil
        } catch {
            return GridMMO.message(for: error)
        }
    }

    /// A unique path in the temporary directory ending in `name`.
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("gridmmo-cli-\(UUID().uuidString)-\(name)").path
    }

    /// Runs a command line that must succeed.
    static func succeed(_ arguments: [String]) {
        let message = failure(arguments)
        #expect(message == nil, "gridmmo \(arguments.joined(separator: " ")) failed: \(message ?? "")")
    }
}
