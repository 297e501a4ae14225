import Foundation

/// The `manifest.json` of a map directory: format tag, version, map geometry and, per map, its
/// file name, seed and material counts.
///
/// ```json
/// {"format": "gridmmo-maps", "version": 1, "mapSize": 160, "mapCenter": 128, "firstSeed": 1,
///  "maps": [{"file": "map_0000.npy", "seed": 1, "counts": {"void": 8959, "water": 4420, ...}}]}
/// ```
struct MapSetManifest {
    /// The value of the `format` key.
    static let format = "gridmmo-maps"
    /// The value of the `version` key.
    static let version = 1
    /// The largest manifest a reader accepts, 64 MiB: room for the 100,000 maps of the largest set
    /// `gridmmo maps generate` makes, at about 250 bytes each.
    static let largestFile = 64 << 20

    /// Side of every map (`map.size`).
    var mapSize: Int
    /// Playable side minus one of every map (`map.center`).
    var mapCenter: Int
    /// Seed of the first map, when the set was generated.
    var firstSeed: UInt64?
    /// The maps, in order.
    var entries: [MapSet.Entry]

    /// The manifest as pretty-printed JSON with sorted keys.
    func json() -> Data {
        let maps: [[String: Any]] = entries.map { entry in
            var counts: [String: Int] = [:]
            for material in Material.allCases {
                counts[material.name] = entry.counts[Int(material.rawValue)]
            }
            var object: [String: Any] = ["file": entry.file, "counts": counts]
            if let seed = entry.seed { object["seed"] = NSNumber(value: seed) }
            return object
        }
        var root: [String: Any] = [
            "format": Self.format, "version": Self.version,
            "mapSize": mapSize, "mapCenter": mapCenter, "maps": maps,
        ]
        if let firstSeed { root["firstSeed"] = NSNumber(value: firstSeed) }
        // Serialising a constructed dictionary of strings and numbers cannot fail.
        return try! JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])
    }

    /// Parses manifest JSON; `path` names the manifest in errors.
    static func parse(_ data: Data, path: String) throws(MapFileError) -> MapSetManifest {
        func failure(_ message: String) -> MapFileError { MapFileError(path: path, message: message) }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw failure("manifest is not valid JSON: \(error.localizedDescription)")
        }
        guard let root = json as? [String: Any] else {
            throw failure("manifest must hold a JSON object at the top level")
        }
        guard root["format"] as? String == format else {
            throw failure("manifest 'format' must be \"\(format)\"")
        }
        guard let foundVersion = integer(root["version"]), foundVersion == version else {
            throw failure("manifest 'version' must be \(version)")
        }
        guard let mapSize = integer(root["mapSize"]), let mapCenter = integer(root["mapCenter"]) else {
            throw failure("manifest 'mapSize' and 'mapCenter' must be integers")
        }
        var firstSeed: UInt64?
        if let value = root["firstSeed"] {
            guard let seed = unsignedInteger(value) else { throw failure("manifest 'firstSeed' must be a non-negative integer") }
            firstSeed = seed
        }
        guard let maps = root["maps"] as? [Any], !maps.isEmpty else {
            throw failure("manifest 'maps' must be a non-empty array")
        }
        var entries: [MapSet.Entry] = []
        for (index, item) in maps.enumerated() {
            entries.append(try entry(item, index: index, path: path))
        }
        return MapSetManifest(mapSize: mapSize, mapCenter: mapCenter, firstSeed: firstSeed, entries: entries)
    }

    /// One element of `maps`.
    private static func entry(_ item: Any, index: Int, path: String) throws(MapFileError) -> MapSet.Entry {
        func failure(_ message: String) -> MapFileError { MapFileError(path: path, message: "manifest maps[\(index)]: \(message)") }
        guard let object = item as? [String: Any] else { throw failure("must be an object") }
        guard let file = object["file"] as? String, !file.isEmpty,
              !file.contains("/"), file != ".", file != ".." else {
            throw failure("'file' must be a file name inside the directory")
        }
        var seed: UInt64?
        if let value = object["seed"] {
            guard let parsed = unsignedInteger(value) else { throw failure("'seed' must be a non-negative integer") }
            seed = parsed
        }
        guard let countsObject = object["counts"] as? [String: Any] else {
            throw failure("'counts' must be an object of material counts")
        }
        var counts = [Int](repeating: 0, count: Material.count)
        for (name, value) in countsObject.sorted(by: { $0.key < $1.key }) {
            guard let material = Material.allCases.first(where: { $0.name == name }) else {
                throw failure("'counts' names unknown material '\(name)'")
            }
            guard let count = integer(value), count >= 0 else {
                throw failure("'counts' of \(name) must be a non-negative integer")
            }
            counts[Int(material.rawValue)] = count
        }
        return MapSet.Entry(file: file, seed: seed, counts: counts)
    }

    /// A JSON integer (not a boolean, not a fraction) as `Int`.
    private static func integer(_ value: Any?) -> Int? {
        guard let number = value as? NSNumber, !isBoolean(number) else { return nil }
        return value as? Int
    }

    /// A non-negative JSON integer as `UInt64`.
    private static func unsignedInteger(_ value: Any) -> UInt64? {
        guard let number = value as? NSNumber, !isBoolean(number) else { return nil }
        return value as? UInt64
    }

    /// JSON booleans arrive as NSNumbers of C type `char`; JSON numbers never do.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}
