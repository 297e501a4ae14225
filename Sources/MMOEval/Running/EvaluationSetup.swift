/// What the games were played with, beyond the plan's numbers: the rules, the maps and the
/// curriculum, each by the name the user gave and a digest of its content (FNV-1a, hex), so that
/// shards of one evaluation can be told from shards of another.
public struct EvaluationSetup: Sendable, Equatable, Codable {
    /// The preset's name or the config file's path.
    public let config: String
    public let configDigest: String
    /// Ticks per episode.
    public let horizon: Int
    /// The map directory, or a description of maps generated in memory.
    public let maps: String
    /// The maps' file names (or generated names), in pool order.
    public let mapNames: [String]
    public let mapsDigest: String
    public let curriculum: String
    public let curriculumDigest: String

    public init(config: String, configDigest: String, horizon: Int, maps: String, mapNames: [String], mapsDigest: String,
                curriculum: String, curriculumDigest: String) {
        self.config = config
        self.configDigest = configDigest
        self.horizon = horizon
        self.maps = maps
        self.mapNames = mapNames
        self.mapsDigest = mapsDigest
        self.curriculum = curriculum
        self.curriculumDigest = curriculumDigest
    }
}
