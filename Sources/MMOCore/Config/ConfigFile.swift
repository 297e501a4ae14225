import Foundation

/// Reads and writes `Config` as JSON.
///
/// A file is an object whose optional `"preset"` names the starting point (`default` when absent)
/// and whose other members override keys, either nested (`{"players": {"count": 32}}`) or dotted
/// (`{"players.count": 32}`). Unknown keys, wrong types and out-of-range values are errors that
/// name the file and the key.
public enum ConfigFile {
    /// The largest config file a reader accepts, 1 MiB: a complete config takes about 4 KB.
    public static let largestFile = 1 << 20

    /// Loads and validates the config in the JSON file at `path`.
    public static func load(path: String) throws(ConfigError) -> Config {
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.contents(of: path, limit: largestFile, kind: "config file")
        } catch {
            throw ConfigError(file: path, key: "", message: error.message)
        }
        do {
            return try parse(Data(bytes))
        } catch var error {
            error.file = path
            throw error
        }
    }

    /// Parses and validates config JSON.
    public static func parse(_ data: Data) throws(ConfigError) -> Config {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ConfigError(key: "", message: "is not valid JSON: \(error.localizedDescription)")
        }
        guard let object = root as? [String: Any] else {
            throw ConfigError(key: "", message: "must hold a JSON object at the top level")
        }
        var config = Config.default
        if let presetValue = object["preset"] {
            guard let name = presetValue as? String, let preset = Config.preset(named: name) else {
                let names = Config.presets.map(\.name).joined(separator: ", ")
                throw ConfigError(key: "preset", message: "must be one of: \(names)")
            }
            config = preset
        }
        var flat: [(key: String, value: Any)] = []
        try flatten(object.filter { $0.key != "preset" }, prefix: "", into: &flat)
        let parameters = Config.parameters
        for (key, value) in flat.sorted(by: { $0.key < $1.key }) {
            guard let parameter = parameters.first(where: { $0.key == key }) else {
                throw ConfigError(key: key, message: "is not a config key (see `gridmmo config keys`)")
            }
            try assign(value, to: parameter, in: &config)
        }
        try config.validate()
        return config
    }

    /// The full config as JSON with every key, nested by group, keys sorted.
    public static func json(_ config: Config) -> Data {
        var groups: [String: [String: Any]] = [:]
        for parameter in Config.parameters {
            let parts = parameter.key.split(separator: ".", maxSplits: 1).map(String.init)
            let value: Any
            switch parameter.value {
            case .int(let path, _): value = config[keyPath: path]
            case .double(let path, _): value = config[keyPath: path]
            case .bool(let path): value = config[keyPath: path]
            }
            groups[parts[0], default: [:]][parts[1]] = value
        }
        // Serialising a constructed dictionary of numbers and strings cannot fail.
        return try! JSONSerialization.data(withJSONObject: groups, options: [.prettyPrinted, .sortedKeys])
    }

    private static func flatten(_ object: [String: Any], prefix: String, into flat: inout [(key: String, value: Any)]) throws(ConfigError) {
        for (name, value) in object {
            let key = prefix.isEmpty ? name : "\(prefix).\(name)"
            if let nested = value as? [String: Any] {
                try flatten(nested, prefix: key, into: &flat)
            } else {
                flat.append((key, value))
            }
        }
    }

    private static func assign(_ value: Any, to parameter: ConfigParameter, in config: inout Config) throws(ConfigError) {
        let number = value as? NSNumber
        // JSON booleans arrive as NSNumbers of C type `char`; JSON numbers never do.
        let isBool = number.map { String(cString: $0.objCType) == "c" } ?? false
        switch parameter.value {
        case .int(let path, _):
            guard let number, !isBool, let exact = Int(exactly: number.doubleValue) else {
                throw ConfigError(key: parameter.key, message: "is \(describe(value)), must be \(parameter.allowedText)")
            }
            config[keyPath: path] = exact
        case .double(let path, _):
            guard let number, !isBool else {
                throw ConfigError(key: parameter.key, message: "is \(describe(value)), must be \(parameter.allowedText)")
            }
            config[keyPath: path] = number.doubleValue
        case .bool(let path):
            guard let number, isBool else {
                throw ConfigError(key: parameter.key, message: "is \(describe(value)), must be \(parameter.allowedText)")
            }
            config[keyPath: path] = number.boolValue
        }
        if !parameter.isValid(in: config) {
            throw ConfigError(key: parameter.key, message: "is \(parameter.text(in: config)), must be \(parameter.allowedText)")
        }
    }

    private static func describe(_ value: Any) -> String {
        if let string = value as? String { return "the string \"\(string)\"" }
        if value is NSNull { return "null" }
        if value is [Any] { return "an array" }
        return "\(value)"
    }
}
