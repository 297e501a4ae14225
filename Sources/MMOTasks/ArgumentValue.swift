/// The value of one predicate argument, as curriculum files and task embeddings handle it: one
/// integer (a number, or an enumeration's id), or a list of player slots.
enum ArgumentValue: Equatable, Sendable {
    case one(Int)
    case many([Int])

    /// The integer of `.one`; 0 for a list.
    var int: Int { if case .one(let value) = self { return value } else { return 0 } }
    /// The slots of `.many`; empty for one integer.
    var list: [Int] { if case .many(let values) = self { return values } else { return [] } }
}
