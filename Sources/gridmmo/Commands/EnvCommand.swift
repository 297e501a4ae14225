import ArgumentParser
import MMOCore
import MMOEnv

/// `gridmmo env layout`: the observation and action layout for a config, as JSON.
struct EnvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract: "Describe the environment interface.",
        subcommands: [Layout.self]
    )

    struct Layout: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the observation segments and action heads as JSON.")
        @OptionGroup var options: ConfigOptions

        func run() throws {
            let config = try options.load()
            let actions = ActionLayout(config: config)
            let heads = actions.heads.map { head in
                "    {\"name\": \"\(head.name)\", \"size\": \(head.size), \"mask_offset\": \(head.maskOffset), \"options\": [\(head.options.map { "\"\($0)\"" }.joined(separator: ", "))]}"
            }
            print("{\n\"observation\": \(ObservationLayout(config: config).json),\n\"actions\": {\n  \"mask_width\": \(actions.maskWidth),\n  \"heads\": [\n\(heads.joined(separator: ",\n"))\n  ]\n}\n}")
        }
    }
}
