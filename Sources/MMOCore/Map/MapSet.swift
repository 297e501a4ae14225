import Foundation

/// A directory of maps: `map_0000.npy`, `map_0001.npy`, ... plus a `manifest.json` listing each
/// file with its seed and material counts (see `MapSetManifest`).
///
/// Generating writes every map file atomically and the manifest last, so a directory with a
/// manifest is always complete. Loading follows the manifest when there is one and checks it
/// against the config and the files; without one, it loads every `*.npy` file sorted by name.
public struct MapSet: Sendable, Equatable {
    /// One map of the set.
    public struct Entry: Sendable, Equatable {
        /// File name inside the directory.
        public let file: String
        /// Seed the map was generated from; `nil` when unknown (no manifest, or none listed).
        public let seed: UInt64?
        /// Tiles of each material, indexed by `Material.rawValue`.
        public let counts: [Int]

        /// An entry; `counts` has `Material.count` elements.
        public init(file: String, seed: UInt64?, counts: [Int]) {
            self.file = file
            self.seed = seed
            self.counts = counts
        }
    }

    /// The maps, in manifest (or file-name) order.
    public let maps: [GameMap]
    /// What is known about each map, parallel to `maps`.
    public let entries: [Entry]

    /// Name of the manifest inside a map directory.
    public static let manifestName = "manifest.json"

    /// The file name of map `index`: `map_0000.npy`, `map_0001.npy`, ...
    public static func fileName(index: Int) -> String {
        let digits = String(index)
        return "map_" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits + ".npy"
    }

    /// Generates `count` maps with seeds `firstSeed`, `firstSeed + 1`, ... into `directory`
    /// (created if missing), then writes the manifest.
    public static func generate(config: Config, count: Int, firstSeed: UInt64, directory: String) throws(MapFileError) -> MapSet {
        guard count > 0 else { throw MapFileError(path: directory, message: "a map set needs at least one map, asked for \(count)") }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw MapFileError(path: directory, message: "cannot create the directory: \(error.localizedDescription)")
        }
        let manifestPath = path(directory, manifestName)
        let files = (0..<count).map(fileName(index:))
        do {
            for output in files.map({ path(directory, $0) }) + [manifestPath] { try AtomicFile.requireReplaceable(output) }
        } catch {
            throw MapFileError(error)
        }
        // A stale manifest must not describe the files while they are being replaced.
        if FileManager.default.fileExists(atPath: manifestPath) {
            do {
                try FileManager.default.removeItem(atPath: manifestPath)
            } catch {
                throw MapFileError(path: manifestPath, message: "cannot remove the old manifest: \(error.localizedDescription)")
            }
        }
        var maps: [GameMap] = []
        var entries: [Entry] = []
        for (index, file) in files.enumerated() {
            let seed = firstSeed &+ UInt64(index)
            let map = TerrainGenerator.generate(config: config, seed: seed)
            try MapFile.save(map, path: path(directory, file))
            maps.append(map)
            entries.append(Entry(file: file, seed: seed, counts: map.materialCounts))
        }
        let manifest = MapSetManifest(mapSize: config.map.size, mapCenter: config.map.center, firstSeed: firstSeed, entries: entries)
        do {
            try AtomicFile.replace(manifestPath, with: manifest.json())
        } catch {
            throw MapFileError(error)
        }
        return MapSet(maps: maps, entries: entries)
    }

    /// Loads the maps of `directory`, validating each against `config`.
    public static func load(directory: String, config: Config) throws(MapFileError) -> MapSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MapFileError(path: directory, message: "map directory not found")
        }
        let manifestPath = path(directory, manifestName)
        if FileManager.default.fileExists(atPath: manifestPath) {
            return try loadListed(manifestPath: manifestPath, directory: directory, config: config)
        }
        return try loadAllFiles(directory: directory, config: config)
    }

    /// Loads the maps listed in the manifest and checks the listed geometry and counts.
    private static func loadListed(manifestPath: String, directory: String, config: Config) throws(MapFileError) -> MapSet {
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.contents(of: manifestPath, limit: MapSetManifest.largestFile, kind: "map manifest")
        } catch {
            throw MapFileError(error)
        }
        let manifest = try MapSetManifest.parse(Data(bytes), path: manifestPath)
        guard manifest.mapSize == config.map.size, manifest.mapCenter == config.map.center else {
            throw MapFileError(path: manifestPath, message: "maps are \(manifest.mapSize)x\(manifest.mapSize) with center \(manifest.mapCenter), but the config has map.size \(config.map.size) and map.center \(config.map.center)")
        }
        var maps: [GameMap] = []
        for entry in manifest.entries {
            let mapPath = path(directory, entry.file)
            let map = try MapFile.load(path: mapPath, config: config)
            let found = map.materialCounts
            if let material = Material.allCases.first(where: { found[Int($0.rawValue)] != entry.counts[Int($0.rawValue)] }) {
                let index = Int(material.rawValue)
                throw MapFileError(path: mapPath, message: "has \(found[index]) \(material.name) tiles but \(manifestName) lists \(entry.counts[index])")
            }
            maps.append(map)
        }
        return MapSet(maps: maps, entries: manifest.entries)
    }

    /// Loads every `*.npy` file of the directory, sorted by name.
    private static func loadAllFiles(directory: String, config: Config) throws(MapFileError) -> MapSet {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".npy") }.sorted()
        } catch {
            throw MapFileError(path: directory, message: "cannot be listed: \(error.localizedDescription)")
        }
        guard !names.isEmpty else {
            throw MapFileError(path: directory, message: "holds neither \(manifestName) nor any .npy map")
        }
        var maps: [GameMap] = []
        var entries: [Entry] = []
        for name in names {
            let map = try MapFile.load(path: path(directory, name), config: config)
            maps.append(map)
            entries.append(Entry(file: name, seed: nil, counts: map.materialCounts))
        }
        return MapSet(maps: maps, entries: entries)
    }

    /// `directory/name`.
    private static func path(_ directory: String, _ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }
}
