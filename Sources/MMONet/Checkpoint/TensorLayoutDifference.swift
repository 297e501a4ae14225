/// One way two lists of named tensor shapes differ: what `restore` reports when a checkpoint does
/// not fit a policy, and what loading reports when a checkpoint's Adam moments do not fit its
/// parameters.
enum TensorLayoutDifference: Equatable {
    /// Both have the tensor, with different shapes.
    case shape(name: String, found: [Int], expected: [Int])
    /// Only the expected side has the tensor.
    case missing(name: String, expected: [Int])
    /// Only the found side has the tensor.
    case extra(name: String, found: [Int])

    /// The differences between `found` and `expected`: first, in `expected`'s order, each tensor
    /// that is missing or has another shape, then each one `expected` does not have.
    static func differences(found: [(name: String, shape: [Int])], expected: [(name: String, shape: [Int])]) -> [TensorLayoutDifference] {
        var foundShapes: [String: [Int]] = [:]
        for tensor in found { foundShapes[tensor.name] = tensor.shape }
        var expectedNames = Set<String>()
        var differences: [TensorLayoutDifference] = []
        for tensor in expected {
            expectedNames.insert(tensor.name)
            guard let shape = foundShapes[tensor.name] else {
                differences.append(.missing(name: tensor.name, expected: tensor.shape))
                continue
            }
            if shape != tensor.shape { differences.append(.shape(name: tensor.name, found: shape, expected: tensor.shape)) }
        }
        for tensor in found where !expectedNames.contains(tensor.name) {
            differences.append(.extra(name: tensor.name, found: tensor.shape))
        }
        return differences
    }

    /// Up to `limit` descriptions joined by "; ", and how many more there are.
    static func summary(_ descriptions: [String], limit: Int = 8) -> String {
        let shown = descriptions.prefix(limit).joined(separator: "; ")
        return descriptions.count > limit ? "\(shown); and \(descriptions.count - limit) more" : shown
    }
}
