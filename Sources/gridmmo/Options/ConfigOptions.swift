import ArgumentParser
import MMOCore

/// `--preset`, `--config` and `--immortal`: which rule numbers to run with.
struct ConfigOptions: ParsableArguments {
    @Option(help: "Built-in rule preset: default (Neural MMO 2.1 Medium), small, competition2023 or large (1,024 players, 512x512).")
    var preset: String = "default"

    @Option(help: "JSON config file (starts from its own \"preset\" key, or default); overrides --preset.")
    var config: String?

    @Flag(help: "Players never die (players.immortal): the full-population workload of the benchmarks.")
    var immortal = false

    /// The config named by the options; errors name the flag or file.
    func load() throws -> Config {
        var loaded: Config
        if let path = config {
            do {
                loaded = try ConfigFile.load(path: path)
            } catch {
                throw ValidationError("--config \(error.description)")
            }
        } else if let preset = Config.preset(named: preset) {
            loaded = preset
        } else {
            let names = Config.presets.map(\.name).joined(separator: ", ")
            throw ValidationError("--preset '\(self.preset)' is not a preset; choose one of: \(names)")
        }
        if immortal { loaded.players.immortal = true }
        return loaded
    }
}
