import ArgumentParser
import MMOCore
import MMOEnv
import MMOTasks

/// `gridmmo env layout`: the observation and action layout for a config (and, with a curriculum,
/// the task segments), as JSON.
struct EnvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract: "Describe the environment interface.",
        subcommands: [Layout.self]
    )

    struct Layout: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the observation segments and action heads as JSON.")
        @OptionGroup var options: ConfigOptions
        @OptionGroup var curriculum: CurriculumOptions

        func run() throws {
            let config = try options.load()
            let tasks = try curriculum.load() != nil
            let observation = ObservationLayout(config: config, tasks: tasks,
                                                taskEmbeddingDimension: tasks && curriculum.taskEmbedding ? TaskEmbedding.dimension : 0)
            print("{\n\"observation\": \(observation.json),\n\"actions\": \(ActionLayout(config: config).json)\n}")
        }
    }
}
