import Foundation
import Testing
@testable import MMOCore

/// Config presets, file parsing and validation errors.
struct ConfigTests {
    private func parse(_ json: String) throws(ConfigError) -> Config {
        try ConfigFile.parse(Data(json.utf8))
    }

    @Test func presetsHaveTheReferenceNumbersAndValidate() throws {
        let config = Config.default
        #expect(config.map.size == 160 && config.map.center == 128 && config.players.count == 128)
        #expect(config.episode.horizon == 1024 && config.npcs.count == 128 && config.observation.visionRadius == 7)
        #expect(config.vitals.foodDecay == 5 && config.vitals.starvationDamage == 10 && config.vitals.regen == 10)
        #expect(config.resources.treeRespawn == 0.105 && !config.deathFog.enabled)
        for preset in Config.presets { try preset.config.validate() }
    }

    @Test func smallerAndLargerPresetsKeepTheDefaultResourceDensity() {
        // Small: the reference Small counts (33x33 playable of 129x129 at default density).
        let small = Config.small.resources
        #expect(small.oreClusters == 4 && small.herbs == 17 && small.fish == 17 && small.extraWater == 29 && small.extraFoilage == 29)
        let large = Config.large
        #expect(large.map.playableMax - large.map.playableMin + 1 == 481 && large.players.count == 1024)
        let density = Double(large.resources.herbs) / Double(481 * 481)
        #expect(abs(density - 256.0 / Double(129 * 129)) < 1e-5)
        #expect(large.resources.oreClusters == 890 && large.resources.extraFoilage == 6131)
    }

    @Test func jsonRoundTripsEveryKey() throws {
        var config = Config.small
        config.players.teams = 8
        config.deathFog.enabled = true
        config.resources.herbRespawn = 0.125
        let back = try ConfigFile.parse(ConfigFile.json(config))
        #expect(back == config)
    }

    @Test func overridesStartFromThePreset() throws {
        let config = try parse(#"{"preset": "small", "players": {"count": 32}, "episode.horizon": 64, "deathFog": {"enabled": true}}"#)
        #expect(config.map.size == 64 && config.players.count == 32 && config.episode.horizon == 64 && config.deathFog.enabled)
        #expect(try parse("{}") == Config.default)
    }

    @Test(arguments: [
        (#"{"players": {"cout": 3}}"#, "key 'players.cout' is not a config key"),
        (#"{"players": {"count": "many"}}"#, #"key 'players.count' is the string "many", must be an integer"#),
        (#"{"players": {"count": 2.5}}"#, "key 'players.count' is 2.5, must be an integer"),
        (#"{"players": {"count": 0}}"#, "key 'players.count' is 0, must be an integer in 1...4096"),
        (#"{"deathFog": {"enabled": 1}}"#, "key 'deathFog.enabled' is 1, must be true or false"),
        (#"{"resources": {"oreRespawn": 1.5}}"#, "key 'resources.oreRespawn' is 1.5, must be a number in 0.0...1.0"),
        (#"{"preset": "huge"}"#, "key 'preset' must be one of: default, small"),
        (#"{"players": {"count": 100, "teams": 3}}"#, "key 'players.teams' is 3, must divide players.count (100)"),
        (#"{"map": {"center": 127}}"#, "key 'map.center' is 127, must be even"),
        (#"{"map": {"size": 100}}"#, "key 'map.center' is 128, must be at most map.size - 3"),
        (#"{"preset": "small", "players": {"count": 200}}"#, "must be at most the 128 tiles of the spawn ring"),
        ("[1, 2]", "must hold a JSON object at the top level"),
        ("{players", "is not valid JSON"),
    ])
    func badFilesAreRejectedWithTheKey(json: String, message: String) {
        #expect {
            try parse(json)
        } throws: { error in
            (error as? ConfigError)?.description.contains(message) ?? false
        }
    }

    @Test func loadNamesTheFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gridmmo-config-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(#"{"vitals": {"maxFood": -1}}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ConfigError(file: path, key: "vitals.maxFood", message: "is -1, must be an integer in 1...10000")) {
            try ConfigFile.load(path: path)
        }
        #expect {
            try ConfigFile.load(path: path + ".missing")
        } throws: { error in
            (error as? ConfigError)?.description.hasPrefix(path + ".missing: cannot be read") ?? false
        }
    }
}
