import ArgumentParser
import Foundation
import MMOCore

/// `gridmmo config`: show a config as JSON, list every key, or check a config file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show, list or validate rule configs.",
        subcommands: [Show.self, Keys.self, Validate.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the full config (every key) as JSON.")
        @OptionGroup var options: ConfigOptions

        func run() throws {
            print(String(decoding: ConfigFile.json(try options.load()), as: UTF8.self))
        }
    }

    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every config key with its default and allowed range.")

        func run() {
            for parameter in Config.parameters {
                print("\(parameter.key) = \(parameter.text(in: .default))  (\(parameter.allowedText)): \(parameter.summary)")
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a JSON config file; exits non-zero with the problem.")
        @Argument(help: "The JSON config file.") var file: String

        func run() throws {
            do {
                _ = try ConfigFile.load(path: file)
                print("\(file): ok")
            } catch {
                throw ValidationError(error.description)
            }
        }
    }
}
