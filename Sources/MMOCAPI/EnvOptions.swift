import Foundation
import MMOCore
import MMOEnv
import MMOTasks

/// The JSON options of `gridmmo_env_create` (documented in `gridmmo.h`), checked key by key:
/// every error names the option and, for files, the file and its problem.
struct EnvOptions {
    static let keys = ["preset", "config", "immortal", "horizon", "maps", "generated_maps", "map_seed", "curriculum", "task_embedding",
                       "envs", "seed", "threads", "death_penalty", "early_stop_population", "autoreset"]

    var config: Config
    var maps: [GameMap]
    var curriculum: Curriculum?
    var taskEmbedding = true
    var environments = 8
    var seed: UInt64 = 1
    var threads = ProcessInfo.processInfo.activeProcessorCount
    var deathPenalty: Float = -1
    var earlyStopPopulation = 0
    var autoReset = AutoReset.sameStep

    /// Parses `text` (nil or empty for every default).
    init(json text: String?) throws(APIError) {
        let options = try Self.object(text)
        if let unknown = options.first(where: { !Self.keys.contains($0.key) }) {
            throw APIError(.argument, "options: unknown key '\(unknown.key)'; the keys are \(Self.keys.joined(separator: ", "))")
        }
        func value(_ key: String) -> JSONValue? { options.first { $0.key == key }?.value }

        config = try Self.config(preset: value("preset"), config: value("config"))
        if let immortal = value("immortal") { config.players.immortal = try Self.bool(immortal, "immortal") }
        if let horizon = value("horizon") { config.episode.horizon = try Self.int(horizon, "horizon", in: 1...32767) }
        if let envs = value("envs") { environments = try Self.int(envs, "envs", in: 1...65536) }
        if let seed = value("seed") { self.seed = UInt64(try Self.int(seed, "seed", in: 0...Int.max)) }
        if let threads = value("threads") { self.threads = try Self.int(threads, "threads", in: 1...1024) }
        if let population = value("early_stop_population") { earlyStopPopulation = try Self.int(population, "early_stop_population", in: 0...65536) }
        if let penalty = value("death_penalty") { deathPenalty = try Self.number(penalty, "death_penalty") }
        if let embedding = value("task_embedding") { taskEmbedding = try Self.bool(embedding, "task_embedding") }
        if let curriculum = value("curriculum") { self.curriculum = try Self.curriculum(curriculum) }
        if let mode = value("autoreset") {
            guard case .string(let name) = mode, let parsed = AutoReset(rawValue: name) else {
                throw APIError(.argument, "options 'autoreset' must be one of \(AutoReset.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), got \(mode.text)")
            }
            autoReset = parsed
        }
        var mapSeed = seed
        if let given = value("map_seed") { mapSeed = UInt64(try Self.int(given, "map_seed", in: 0...Int.max)) }
        maps = try Self.maps(directory: value("maps"), generated: value("generated_maps"), seeded: value("map_seed") != nil, firstSeed: mapSeed, config: config)
    }

    /// A new environment made with these options.
    func makeEnv() -> VecEnv {
        VecEnv(config: config, maps: maps, environmentCount: environments, seed: seed, threads: threads, curriculum: curriculum,
               deathPenalty: deathPenalty, taskEmbeddingInObservations: taskEmbedding, earlyStopPopulation: earlyStopPopulation,
               autoReset: autoReset)
    }

    private static func object(_ text: String?) throws(APIError) -> [(key: String, value: JSONValue)] {
        guard let text, !text.allSatisfy(\.isWhitespace) else { return [] }
        let parsed: JSONValue
        do throws(JSONError) {
            parsed = try JSONValue.parse(Data(text.utf8))
        } catch {
            throw APIError(.argument, "options: not valid JSON: \(error.description)")
        }
        guard case .object(let pairs) = parsed else { throw APIError(.argument, "options: must be a JSON object, got \(parsed.typeName)") }
        return pairs
    }

    private static func config(preset: JSONValue?, config: JSONValue?) throws(APIError) -> Config {
        switch config {
        case .string(let path):
            do throws(ConfigError) { return try ConfigFile.load(path: path) } catch { throw APIError(.argument, "options 'config': \(error.description)") }
        case .some(let inline) where inline.typeName == "an object":
            do throws(ConfigError) { return try ConfigFile.parse(Data(inline.text.utf8)) } catch { throw APIError(.argument, "options 'config' (inline): \(error.description)") }
        case .some(let other):
            throw APIError(.argument, "options 'config' must be a file path or a config object, got \(other.typeName)")
        case nil:
            guard let preset else { return .default }
            guard case .string(let name) = preset else { throw APIError(.argument, "options 'preset' must be a string, got \(preset.typeName)") }
            guard let config = Config.preset(named: name) else {
                throw APIError(.argument, "options 'preset': '\(name)' is not a preset; choose one of: \(Config.presets.map(\.name).joined(separator: ", "))")
            }
            return config
        }
    }

    private static func curriculum(_ value: JSONValue) throws(APIError) -> Curriculum {
        switch value {
        case .string(let path):
            do throws(CurriculumError) { return try CurriculumFile.load(path: path) } catch { throw APIError(.argument, "options 'curriculum': \(error.description)") }
        case .object:
            do throws(CurriculumError) { return try CurriculumFile.parse(Data(value.text.utf8)) } catch { throw APIError(.argument, "options 'curriculum' (inline): \(error.description)") }
        default:
            throw APIError(.argument, "options 'curriculum' must be a file path or a curriculum object, got \(value.typeName)")
        }
    }

    /// The maps in `directory`, or `generated` (default 4) maps generated from seeds `firstSeed`, `firstSeed + 1`, ...
    private static func maps(directory: JSONValue?, generated: JSONValue?, seeded: Bool, firstSeed: UInt64, config: Config) throws(APIError) -> [GameMap] {
        if let directory {
            guard generated == nil, !seeded else { throw APIError(.argument, "options: 'maps' names files; 'generated_maps' and 'map_seed' are for maps generated in memory") }
            guard case .string(let path) = directory else { throw APIError(.argument, "options 'maps' must be a directory path, got \(directory.typeName)") }
            let set: MapSet
            do throws(MapFileError) { set = try MapSet.load(directory: path, config: config) } catch { throw APIError(.argument, "options 'maps': \(error.description)") }
            guard !set.maps.isEmpty else { throw APIError(.argument, "options 'maps': \(path) holds no maps") }
            return set.maps
        }
        var count = 4
        if let generated { count = try int(generated, "generated_maps", in: 1...4096) }
        return (0..<count).map { TerrainGenerator.generate(config: config, seed: firstSeed &+ UInt64($0)) }
    }

    private static func int(_ value: JSONValue, _ key: String, in range: ClosedRange<Int>) throws(APIError) -> Int {
        guard case .int(let number) = value else { throw APIError(.argument, "options '\(key)' must be an integer, got \(value.typeName)") }
        guard range.contains(number) else { throw APIError(.argument, "options '\(key)' must be in \(range.lowerBound)...\(range.upperBound), got \(number)") }
        return number
    }

    private static func number(_ value: JSONValue, _ key: String) throws(APIError) -> Float {
        switch value {
        case .int(let number): return Float(number)
        case .double(let number) where number.isFinite: return Float(number)
        default: throw APIError(.argument, "options '\(key)' must be a finite number, got \(value.typeName)")
        }
    }

    private static func bool(_ value: JSONValue, _ key: String) throws(APIError) -> Bool {
        guard case .bool(let flag) = value else { throw APIError(.argument, "options '\(key)' must be true or false, got \(value.typeName)") }
        return flag
    }
}
