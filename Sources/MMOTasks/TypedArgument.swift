/// A `NamedArgument` together with the Swift type of the `TaskPredicate` associated value it stands
/// for and how that value converts to and from an `ArgumentValue`. `PredicateForm` takes these so
/// that the compiler checks each entry's build and decompose closures against its arguments.
struct TypedArgument<Value>: Sendable {
    let argument: NamedArgument
    let wrap: @Sendable (Value) -> ArgumentValue
    let unwrap: @Sendable (ArgumentValue) -> Value
}

extension TypedArgument where Value == Int {
    /// An integer argument: a number, or an enumeration's id (item kind, skill, material, ...).
    static func integer(_ key: String, _ kind: PredicateArgument, default defaultValue: Int? = nil) -> Self {
        TypedArgument(argument: NamedArgument(key: key, kind: kind, defaultValue: defaultValue),
                      wrap: { .one($0) }, unwrap: { $0.int })
    }
}

extension TypedArgument where Value == [Int] {
    /// A non-empty list of player slots.
    static func slots(_ key: String) -> Self {
        TypedArgument(argument: NamedArgument(key: key, kind: .slots, defaultValue: nil),
                      wrap: { .many($0) }, unwrap: { $0.list })
    }
}

extension TypedArgument where Value: RawRepresentable<Int> & SendableMetatype {
    /// An argument held in the predicate as a Swift enumeration (`AgentStatus`, `AgentType`,
    /// `Quadrant`) and in files by its raw value; `kind` must accept only valid raw values.
    static func enumeration(_ key: String, _ kind: PredicateArgument) -> Self {
        TypedArgument(argument: NamedArgument(key: key, kind: kind, defaultValue: nil),
                      wrap: { .one($0.rawValue) }, unwrap: { Value(rawValue: $0.int)! })
    }
}
