import Foundation
import Testing
@testable import MMOCore

/// Config files written to break the reader: keys given twice, keys that are not keys, values of
/// the wrong JSON type, malformed JSON and oversized files are refused with the key named, and
/// long values are quoted only as a short excerpt.
struct HostileConfigTests {
    private func parse(_ json: String) throws(ConfigError) -> Config {
        try ConfigFile.parse(Data(json.utf8))
    }

    private func rejection(_ json: String) -> String? {
        do {
            _ = try parse(json)
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        (#"{"players.count": 32, "players": {"count": 64}}"#, "key 'players.count' is given twice (nested and dotted)"),
        (#"{"players": {"count": 64}, "players.count": 32}"#, "key 'players.count' is given twice (nested and dotted)"),
        (#"{"players.count": 32, "players.count": 64}"#, "key 'players.count' is not valid JSON at line 1, column 23: a key given twice in one object"),
        (#"{"players": {"count": 32}, "players": {"teams": 4}}"#, "key 'players' is not valid JSON at line 1, column 28: a key given twice in one object"),
        (#"{"preset": "small", "preset": "large"}"#, "key 'preset' is not valid JSON at line 1, column 21: a key given twice in one object"),
    ])
    func aKeyGivenTwiceIsRefused(json: String, message: String) {
        let text = rejection(json)
        #expect(text?.contains(message) == true, "got: \(text ?? "accepted")")
    }

    @Test(arguments: [
        (#"{"bogus": {}}"#, "key 'bogus' is not a config key"),
        (#"{"players": {"bogus": {}}}"#, "key 'players.bogus' is not a config key"),
        (#"{"players": {"count": {}}}"#, "key 'players.count' is an object, must be an integer in 1...4096"),
        (#"{"players": {"count": {"value": 3}}}"#, "key 'players.count' is an object, must be an integer in 1...4096"),
        (#"{"players": {"count": [3]}}"#, "key 'players.count' is an array, must be an integer in 1...4096"),
        (#"{"players": 32}"#, "key 'players' is 32, must be an object of players.* keys"),
        (#"{"players": {"count": null}}"#, "key 'players.count' is null, must be an integer"),
        (#"{"players": {"count": true}}"#, "key 'players.count' is true, must be an integer in 1...4096"),
        (#"{"resources": {"oreRespawn": false}}"#, "key 'resources.oreRespawn' is false, must be a number in 0.0...1.0"),
        (#"{"players": {"count": 32,}}"#, "key 'players' is not valid JSON at line 1, column 25: a trailing comma before '}'"),
        (#"{"players": {"count": 32}, "combat.reach": [1, 2,]}"#, "key 'combat.reach' is not valid JSON at line 1, column 49: a trailing comma before ']'"),
    ])
    func aKeyOfTheWrongKindIsRefusedByName(json: String, message: String) {
        let text = rejection(json)
        #expect(text?.contains(message) == true, "got: \(text ?? "accepted")")
    }

    @Test func longValuesAndKeysAreQuotedAsAShortExcerpt() {
        let long = String(repeating: "x", count: 100_000)
        let value = rejection(#"{"players": {"count": "\#(long)"}}"#)
        #expect(value?.contains(#"key 'players.count' is the string "\#(String(repeating: "x", count: 40))…", must be an integer"#) == true,
                "got: \(value?.prefix(200) ?? "accepted")")
        #expect((value?.count ?? .max) < 200)
        let key = rejection(#"{"\#(long)": 1}"#)
        #expect(key?.contains("key '\(String(repeating: "x", count: 40))…' is not a config key") == true, "got: \(key?.prefix(200) ?? "accepted")")
        #expect((key?.count ?? .max) < 200)
    }

    @Test func aFileOverTheSizeLimitIsRefusedBeforeParsing() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gridmmo-config-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let padding = String(repeating: " ", count: 1 << 20)
        let oversized = Data(#"{"players": {"count": 32}}\#(padding)"#.utf8)
        try oversized.write(to: URL(fileURLWithPath: path))
        #expect(throws: ConfigError(file: path, key: "", message: "is \(oversized.count) bytes, more than the \(1 << 20) bytes a config file may have")) {
            try ConfigFile.load(path: path)
        }
        // Just under the limit is read as usual.
        try Data(#"{"players": {"count": 32}}"#.utf8 + Data(repeating: 0x20, count: (1 << 20) - 40)).write(to: URL(fileURLWithPath: path))
        #expect(try ConfigFile.load(path: path).players.count == 32)
    }
}
