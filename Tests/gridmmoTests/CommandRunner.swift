import ArgumentParser
import Foundation
import Testing
@testable import gridmmo

/// Runs `gridmmo` command lines for the CLI tests: in-process, or as the built executable in a child
/// process to see what a user sees (exit status, standard output and error).
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

    /// How a run of the built `gridmmo` executable ended and what it printed.
    struct Outcome {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// The built `gridmmo` executable, in the build products directory beside the tests (on macOS
    /// the `.xctest` bundle, on Linux the test executable itself).
    static var executable: URL {
        let tests = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL ?? Bundle.main.executableURL!
        return tests.deletingLastPathComponent().appendingPathComponent("gridmmo")
    }

    /// Runs the built `gridmmo` executable with `arguments` in a child process and waits for it.
    static func launch(_ arguments: [String]) throws -> Outcome {
        let output = temporaryPath("stdout"), errors = temporaryPath("stderr")
        defer {
            try? FileManager.default.removeItem(atPath: output)
            try? FileManager.default.removeItem(atPath: errors)
        }
        try Data().write(to: URL(fileURLWithPath: output))
        try Data().write(to: URL(fileURLWithPath: errors))
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: output)
        process.standardError = FileHandle(forWritingAtPath: errors)
        try process.run()
        process.waitUntilExit()
        let text = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return Outcome(status: process.terminationStatus, standardOutput: text(output), standardError: text(errors))
    }

    /// Runs a command line that must succeed.
    static func succeed(_ arguments: [String]) {
        let message = failure(arguments)
        #expect(message == nil, "gridmmo \(arguments.joined(separator: " ")) failed: \(message ?? "")")
    }
}
