/// The keys a config file sets, each resolved to its `ConfigParameter` with the value given.
///
/// Members are walked nested (`{"players": {"count": 32}}`) or dotted (`{"players.count": 32}`). A
/// name that is neither a parameter's key nor a group of them (`players`), a group whose value is
/// not an object, and a key set twice (once nested, once dotted) are errors naming the key.
struct ConfigSettings {
    /// Each key set, sorted by key, with its parameter and the file's value.
    let assignments: [(parameter: ConfigParameter, value: JSONValue)]

    /// The settings of a config file's top-level members (without `preset`).
    init(_ members: [(key: String, value: JSONValue)]) throws(ConfigError) {
        let parameters = Dictionary(uniqueKeysWithValues: Config.parameters.map { ($0.key, $0) })
        var walk = Walk(parameters: parameters, groups: Set(parameters.keys.flatMap(Self.groups(of:))))
        try walk.collect(members, prefix: "")
        assignments = walk.given.sorted { $0.key < $1.key }.map(\.value)
    }

    /// The dotted prefixes of `key` that name groups: `["a", "a.b"]` for `a.b.c`.
    private static func groups(of key: String) -> [String] {
        key.indices.filter { key[$0] == "." }.map { String(key[..<$0]) }
    }

    /// The walk over nested members, gathering settings by key.
    private struct Walk {
        let parameters: [String: ConfigParameter]
        let groups: Set<String>
        var given: [String: (parameter: ConfigParameter, value: JSONValue)] = [:]

        mutating func collect(_ members: [(key: String, value: JSONValue)], prefix: String) throws(ConfigError) {
            for (name, value) in members {
                let key = prefix.isEmpty ? name : prefix + "." + name
                if let parameter = parameters[key] {
                    guard given.updateValue((parameter, value), forKey: key) == nil else {
                        throw ConfigError(key: key, message: "is given twice (nested and dotted); give each key once")
                    }
                } else if groups.contains(key) {
                    guard case .object(let nested) = value else {
                        throw ConfigError(key: key, message: "is \(ConfigFile.describe(value)), must be an object of \(key).* keys")
                    }
                    try collect(nested, prefix: key)
                } else {
                    throw ConfigError(key: key, message: "is not a config key (see `gridmmo config keys`)")
                }
            }
        }
    }
}
