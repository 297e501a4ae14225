import ArgumentParser
import MMOCore

/// `--preset` and `--config`: which rule numbers to run with.
struct ConfigOptions: ParsableArguments {
    @Option(help: "Built-in rule preset: default (Neural MMO 2.1 Medium) or small.")
    var preset: String = "default"

    @Option(help: "JSON config file (starts from its own \"preset\" key, or default); overrides --preset.")
    var config: String?

    /// The config named by the options; errors name the flag or file.
    func load() throws -> Config {
        if let path = config {
            do {
                return try ConfigFile.load(path: path)
            } catch {
                throw ValidationError("--config \(error.description)")
            }
        }
        guard let preset = Config.preset(named: preset) else {
            let names = Config.presets.map(\.name).joined(separator: ", ")
            throw ValidationError("--preset '\(self.preset)' is not a preset; choose one of: \(names)")
        }
        return preset
    }
}
