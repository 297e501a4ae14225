/// One argument of a leaf predicate as a curriculum file writes it: its key (Neural MMO's argument
/// name), what it holds, and the value used when a file leaves it out (nil when it is required).
struct NamedArgument: Sendable {
    let key: String
    let kind: PredicateArgument
    let defaultValue: Int?
}
