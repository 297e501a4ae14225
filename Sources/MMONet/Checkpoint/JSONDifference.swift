import MMOCore

/// Where two JSON documents first differ: the path to the value (`segments[3] ('tiles').shape[0]`,
/// an array element named by its `name` member when it has one) and both values, shortened.
struct JSONDifference: Equatable {
    /// Keys and indices from the root; empty for the root itself.
    let path: String
    /// The value found, as short JSON text, or `absent`.
    let found: String
    /// The value expected, as short JSON text, or `absent`.
    let expected: String

    /// The first difference, walking objects in key order and arrays in index order, or nil when
    /// the documents are equal (numbers compared by value, object keys in any order).
    static func first(found: JSONValue, expected: JSONValue, path: String = "") -> JSONDifference? {
        switch (found, expected) {
        case (.object(let foundPairs), .object(let expectedPairs)):
            let keys = Set(foundPairs.map(\.key)).union(expectedPairs.map(\.key)).sorted()
            for key in keys {
                let place = path.isEmpty ? key : "\(path).\(key)"
                guard let foundValue = found[key] else {
                    return JSONDifference(path: place, found: "absent", expected: expected[key]?.text.excerpt() ?? "absent")
                }
                guard let expectedValue = expected[key] else {
                    return JSONDifference(path: place, found: foundValue.text.excerpt(), expected: "absent")
                }
                if let difference = first(found: foundValue, expected: expectedValue, path: place) { return difference }
            }
            return nil
        case (.array(let foundItems), .array(let expectedItems)):
            for (index, (foundItem, expectedItem)) in zip(foundItems, expectedItems).enumerated() {
                var place = "\(path)[\(index)]"
                if case .string(let name)? = expectedItem["name"] { place += " ('\(name.excerpt())')" }
                if let difference = first(found: foundItem, expected: expectedItem, path: place) { return difference }
            }
            guard foundItems.count == expectedItems.count else {
                return JSONDifference(path: path, found: "\(foundItems.count) elements", expected: "\(expectedItems.count) elements")
            }
            return nil
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)):
            return Double(a) == b ? nil : JSONDifference(path: path, found: found.text.excerpt(), expected: expected.text.excerpt())
        default:
            return found.text == expected.text ? nil : JSONDifference(path: path, found: found.text.excerpt(), expected: expected.text.excerpt())
        }
    }
}
