/// One leaf predicate's entry in `PredicateRegistry`: its curriculum-file name (Neural MMO's), its
/// arguments, how to build the `TaskPredicate` from argument values and how to take a predicate of
/// that case apart into them.
struct PredicateForm: Sendable {
    /// The predicate's name in curriculum files, such as `HarvestItem`.
    let name: String
    /// The arguments, in the order of the `TaskPredicate` case's associated values.
    let arguments: [NamedArgument]
    /// The predicate with the given values, one per argument in order, each already checked
    /// against its argument's kind.
    let build: @Sendable ([ArgumentValue]) -> TaskPredicate
    /// The predicate's argument values, one per argument in order, when it is this entry's case;
    /// nil for any other predicate.
    let decompose: @Sendable (TaskPredicate) -> [ArgumentValue]?

    /// An entry with arguments: `build` is typically the case itself (`TaskPredicate.harvestItem`)
    /// and `decompose` a pattern match returning the associated values, or nil for other cases.
    init<each Value>(_ name: String, _ arguments: repeat TypedArgument<each Value>,
                     build: @escaping @Sendable (repeat each Value) -> TaskPredicate,
                     decompose: @escaping @Sendable (TaskPredicate) -> (repeat each Value)?) {
        self.name = name
        var named: [NamedArgument] = []
        for argument in repeat each arguments { named.append(argument.argument) }
        self.arguments = named
        self.build = { values in
            var position = 0
            func next<V>(_ argument: TypedArgument<V>) -> V {
                defer { position += 1 }
                return argument.unwrap(values[position])
            }
            return build(repeat next(each arguments))
        }
        self.decompose = { predicate in
            guard let parts = decompose(predicate) else { return nil }
            var values: [ArgumentValue] = []
            for (argument, part) in repeat (each arguments, each parts) { values.append(argument.wrap(part)) }
            return values
        }
    }

    /// An entry without arguments, for the one predicate `constant`.
    init(_ name: String, constant: TaskPredicate) {
        self.name = name
        self.arguments = []
        self.build = { _ in constant }
        self.decompose = { predicate in predicate == constant ? [] : nil }
    }
}
