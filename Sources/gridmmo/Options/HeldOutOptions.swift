import ArgumentParser
import MMOCore
import MMOEval
import MMOTasks

/// Where evaluation commands (`eval`, `attack`) play: the rules and their horizon, the held-out
/// maps (or maps generated in memory) and the held-out tasks, each loaded with errors naming the
/// flag or file.
struct HeldOutOptions: ParsableArguments {
    @OptionGroup var configOptions: ConfigOptions

    @Option(parsing: .unconditional, help: "Ticks per episode (default: the config's horizon).")
    var horizon: Int?

    @Option(help: "Directory of held-out .npy maps (with manifest.json).")
    var maps: String = "maps/eval"

    @Option(parsing: .unconditional, help: "Play on N maps generated in memory (seeds 1000001...) instead of --maps, e.g. for presets without shipped maps.")
    var generatedMaps: Int?

    @Option(help: "Held-out curriculum the agents' tasks are dealt from.")
    var curriculum: String = "curricula/eval_heldout.json"

    func validate() throws {
        if let horizon, !(1...32767).contains(horizon) { throw ValidationError("--horizon must be in 1...32767, got \(horizon)") }
        if let generatedMaps, !(1...4096).contains(generatedMaps) { throw ValidationError("--generated-maps must be in 1...4096, got \(generatedMaps)") }
    }

    /// The rules (`--preset` or `--config`) with `--horizon` applied.
    func config() throws -> Config {
        var config = try configOptions.load()
        if let horizon { config.episode.horizon = horizon }
        return config
    }

    /// The name the rules were given by: the config file's path or the preset.
    var configName: String { configOptions.config ?? configOptions.preset }

    /// The map pool, the maps' names and how to describe where they came from.
    func loadMaps(config: Config) throws -> (maps: [GameMap], names: [String], label: String) {
        if let count = generatedMaps {
            let seeds = (0..<count).map { 1_000_001 + UInt64($0) }
            return (seeds.map { TerrainGenerator.generate(config: config, seed: $0) }, seeds.map { "generated_\($0)" }, "\(count) maps generated in memory")
        }
        let set: MapSet
        do {
            set = try MapSet.load(directory: maps, config: config)
        } catch {
            throw ValidationError("--maps \(error.description)")
        }
        guard !set.maps.isEmpty else { throw ValidationError("--maps \(maps): \(EvaluationError.noMaps)") }
        return (set.maps, set.entries.map(\.file), maps)
    }

    /// The held-out curriculum, which must hold at least one task.
    func loadCurriculum() throws -> Curriculum {
        let loaded: Curriculum
        do {
            loaded = try CurriculumFile.load(path: curriculum)
        } catch {
            throw ValidationError("--curriculum \(error.description)")
        }
        guard !loaded.specs.isEmpty else { throw ValidationError("--curriculum \(curriculum): \(EvaluationError.noTasks)") }
        return loaded
    }
}
