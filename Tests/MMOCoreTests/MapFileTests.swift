import Foundation
import Testing
import MMOCore

@Suite struct MapFileTests {
    private let config = Config.small

    /// The message of the `MapFileError` that `body` throws, or nil if it succeeds.
    private func errorMessage(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return (error as? MapFileError)?.description ?? "not a MapFileError: \(error)"
        }
    }

    /// A generated small map with some bytes replaced, written to `file` without validation.
    private func writeEdited(_ file: String, edits: [(row: Int, col: Int, value: UInt8)]) throws {
        var bytes = TerrainGenerator.generate(config: config, seed: 1).materials
        for edit in edits {
            bytes[edit.row * 64 + edit.col] = edit.value
        }
        try NpyFile.write(NpyFile.Matrix(rows: 64, cols: 64, values: bytes), path: file)
    }

    @Test func saveThenLoadGivesTheSameMap() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        let map = TerrainGenerator.generate(config: config, seed: 3)
        let file = directory.file("map.npy")
        try MapFile.save(map, path: file)
        #expect(try MapFile.load(path: file, config: config) == map)
    }

    @Test func rejectsWrongSize() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        let file = directory.file("small.npy")
        try MapFile.save(TerrainGenerator.generate(config: config, seed: 1), path: file)
        let message = errorMessage { _ = try MapFile.load(path: file, config: .default) }
        #expect(message == "\(file): map shape must be (160, 160) for map.size 160, found (64, 64)")
    }

    @Test func rejectsByteThatIsNoMaterial() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        let file = directory.file("bad.npy")
        try writeEdited(file, edits: [(20, 21, 200), (30, 30, 99)])
        let message = errorMessage { _ = try MapFile.load(path: file, config: config) }
        #expect(message == "\(file): tile (row 20, col 21) holds 200, which is not a material (must be below 16)")
    }

    @Test func rejectsTerrainOutsideThePlayableSquare() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        let file = directory.file("border.npy")
        try writeEdited(file, edits: [(2, 3, Material.grass.rawValue)])
        let message = errorMessage { _ = try MapFile.load(path: file, config: config) }
        #expect(message == "\(file): tile (row 2, col 3) is outside the playable square (rows and cols 16...48) but holds grass, must be void")
    }

    @Test func rejectsSpawnRingWithTooFewPassableTiles() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        let file = directory.file("walled.npy")
        // Wall off the top and bottom edges of the 33x33 playable square: 128 - 66 = 62 < 64 players.
        let walls = (16...48).flatMap { col in [(row: 16, col: col, value: Material.stone.rawValue), (row: 48, col: col, value: Material.stone.rawValue)] }
        try writeEdited(file, edits: walls)
        let message = errorMessage { _ = try MapFile.load(path: file, config: config) }
        #expect(message == "\(file): the spawn ring has 62 passable tiles, fewer than the 64 players")
    }

    @Test func mapSetRoundTrip() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        let target = directory.file("set/nested")
        let generated = try MapSet.generate(config: config, count: 3, firstSeed: 10, directory: target)
        #expect(generated.entries.map(\.file) == ["map_0000.npy", "map_0001.npy", "map_0002.npy"])
        #expect(generated.entries.map(\.seed) == [10, 11, 12])
        #expect(generated.maps == [10, 11, 12].map { TerrainGenerator.generate(config: config, seed: $0) })
        #expect(generated.entries.map(\.counts) == generated.maps.map(\.materialCounts))
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).sorted()
            == ["manifest.json", "map_0000.npy", "map_0001.npy", "map_0002.npy"])

        let loaded = try MapSet.load(directory: target, config: config)
        #expect(loaded == generated)

        let manifestData = try Data(contentsOf: URL(fileURLWithPath: target + "/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
        #expect(manifest["format"] as? String == "gridmmo-maps")
        #expect(manifest["version"] as? Int == 1)
        #expect(manifest["mapSize"] as? Int == 64)
        #expect(manifest["mapCenter"] as? Int == 32)
        #expect(manifest["firstSeed"] as? Int == 10)
        let first = try #require((manifest["maps"] as? [[String: Any]])?.first)
        let counts = try #require(first["counts"] as? [String: Int])
        #expect(counts["void"] == 64 * 64 - 33 * 33)
        #expect(counts["herb"] == 17)
        #expect(counts.count == Material.count)
    }

    @Test func regeneratingReplacesTheSet() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        _ = try MapSet.generate(config: config, count: 2, firstSeed: 1, directory: directory.path)
        let second = try MapSet.generate(config: config, count: 2, firstSeed: 50, directory: directory.path)
        #expect(try MapSet.load(directory: directory.path, config: config) == second)
        #expect(second.entries.map(\.seed) == [50, 51])
        let message = errorMessage { _ = try MapSet.generate(config: config, count: 0, firstSeed: 1, directory: directory.path) }
        #expect(message == "\(directory.path): a map set needs at least one map, asked for 0")
    }

    @Test func mapSetWithoutManifestLoadsFilesByName() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        let generated = try MapSet.generate(config: config, count: 2, firstSeed: 1, directory: directory.path)
        try FileManager.default.removeItem(atPath: directory.file("manifest.json"))
        let loaded = try MapSet.load(directory: directory.path, config: config)
        #expect(loaded.maps == generated.maps)
        #expect(loaded.entries.map(\.file) == ["map_0000.npy", "map_0001.npy"])
        #expect(loaded.entries.allSatisfy { $0.seed == nil })
    }

    @Test func mapSetNamesMissingListedFile() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        _ = try MapSet.generate(config: config, count: 2, firstSeed: 1, directory: directory.path)
        try FileManager.default.removeItem(atPath: directory.file("map_0001.npy"))
        let message = errorMessage { _ = try MapSet.load(directory: directory.path, config: config) }
        #expect(message == "\(directory.file("map_0001.npy")): cannot be read: No such file or directory")
    }

    @Test(arguments: [
        ("{\"format\": \"gridmmo-maps\", ", "manifest is not valid JSON"),
        ("[1, 2]", "manifest must hold a JSON object at the top level"),
        ("{\"format\": \"other\", \"version\": 1}", "manifest 'format' must be \"gridmmo-maps\""),
        ("{\"format\": \"gridmmo-maps\", \"version\": 2}", "manifest 'version' must be 1"),
        ("{\"format\": \"gridmmo-maps\", \"version\": 1, \"mapSize\": 64, \"mapCenter\": 32, \"maps\": []}", "manifest 'maps' must be a non-empty array"),
        ("{\"format\": \"gridmmo-maps\", \"version\": 1, \"mapSize\": 64, \"mapCenter\": 32, \"maps\": [{\"file\": \"../x.npy\", \"counts\": {}}]}", "manifest maps[0]: 'file' must be a file name inside the directory"),
        ("{\"format\": \"gridmmo-maps\", \"version\": 1, \"mapSize\": 64, \"mapCenter\": 32, \"maps\": [{\"file\": \"map_0000.npy\", \"counts\": {\"lava\": 3}}]}", "manifest maps[0]: 'counts' names unknown material 'lava'"),
        ("{\"format\": \"gridmmo-maps\", \"version\": 1, \"mapSize\": 160, \"mapCenter\": 128, \"maps\": [{\"file\": \"map_0000.npy\", \"counts\": {}}]}", "maps are 160x160 with center 128, but the config has map.size 64 and map.center 32"),
    ])
    func mapSetRejectsBadManifest(manifest: String, problem: String) throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        _ = try MapSet.generate(config: config, count: 1, firstSeed: 1, directory: directory.path)
        let manifestPath = directory.file("manifest.json")
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: manifestPath))
        let message = errorMessage { _ = try MapSet.load(directory: directory.path, config: config) }
        #expect(message?.hasPrefix("\(manifestPath): \(problem)") == true, "\(message ?? "no error")")
    }

    @Test func mapSetDetectsFileThatDisagreesWithManifest() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        _ = try MapSet.generate(config: config, count: 1, firstSeed: 1, directory: directory.path)
        try MapFile.save(TerrainGenerator.generate(config: config, seed: 99), path: directory.file("map_0000.npy"))
        let message = errorMessage { _ = try MapSet.load(directory: directory.path, config: config) }
        #expect(message?.hasPrefix("\(directory.file("map_0000.npy")): has ") == true)
        #expect(message?.contains("tiles but manifest.json lists") == true)
    }

    @Test func mapSetRejectsEmptyOrMissingDirectory() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        let empty = errorMessage { _ = try MapSet.load(directory: directory.path, config: config) }
        #expect(empty == "\(directory.path): holds neither manifest.json nor any .npy map")
        let missing = directory.file("absent")
        let absent = errorMessage { _ = try MapSet.load(directory: missing, config: config) }
        #expect(absent == "\(missing): map directory not found")
    }
}
