import Foundation

/// Reads and writes `Config` as JSON.
///
/// A file is an object whose optional `"preset"` names the starting point (`default` when absent)
/// and whose other members override keys, either nested (`{"players": {"count": 32}}`) or dotted
/// (`{"players.count": 32}`). The JSON is read strictly (`JSONReader`); a key given twice (in one
/// object, or once nested and once dotted), unknown keys, values of the wrong JSON type and
/// out-of-range values are errors that name the file and the key, quoting long values as excerpts.
/// Files larger than `largestFile` are refused unread.
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
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            throw ConfigError(key: error.path, message: "is not valid JSON at \(error.location): \(error.problem)")
        }
        guard case .object(let members) = root else {
            throw ConfigError(key: "", message: "must hold a JSON object at the top level")
        }
        var config = Config.default
        if let presetValue = root["preset"] {
            guard case .string(let name) = presetValue, let preset = Config.preset(named: name) else {
                let names = Config.presets.map(\.name).joined(separator: ", ")
                throw ConfigError(key: "preset", message: "must be one of: \(names)")
            }
            config = preset
        }
        let settings = try ConfigSettings(members.filter { $0.key != "preset" })
        for (parameter, value) in settings.assignments {
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

    private static func assign(_ value: JSONValue, to parameter: ConfigParameter, in config: inout Config) throws(ConfigError) {
        let wrongType = ConfigError(key: parameter.key, message: "is \(describe(value)), must be \(parameter.allowedText)")
        switch (parameter.value, value) {
        case (.int(let path, _), .int(let number)):
            config[keyPath: path] = number
        case (.int(let path, _), .double(let number)):
            guard let exact = Int(exactly: number) else { throw wrongType }
            config[keyPath: path] = exact
        case (.double(let path, _), .int(let number)):
            config[keyPath: path] = Double(number)
        case (.double(let path, _), .double(let number)):
            config[keyPath: path] = number
        case (.bool(let path), .bool(let flag)):
            config[keyPath: path] = flag
        default:
            throw wrongType
        }
        if !parameter.isValid(in: config) {
            throw ConfigError(key: parameter.key, message: "is \(parameter.text(in: config)), must be \(parameter.allowedText)")
        }
    }

    /// A JSON value as an error message quotes it: numbers and booleans as written, strings as an
    /// excerpt, arrays and objects by their type.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return "the string \"\(text.excerpt())\""
        case .int, .double, .bool, .null: return value.text
        case .array, .object: return value.typeName
        }
    }
}
