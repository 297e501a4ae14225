import MMOCore

/// How a `TaskPredicate` is written in a curriculum file: `{"PredicateName": {"argument": value,
/// ...}}` with Neural MMO's predicate and argument names, and the combinators as `{"AND": [p, ...]}`,
/// `{"OR": [p, ...]}`, `{"NOT": p}`, `{"ADD": [p, q]}`, `{"SUB": [p, q]}`, `{"MUL": [p, q]}`.
/// Predicates without arguments may also be written as a bare string (`"StayAlive"`).
enum PredicateSyntax {
    /// The predicate as curriculum-file JSON.
    static func json(_ predicate: TaskPredicate) -> JSONValue {
        if let (combinator, operands) = Combinator.split(predicate) {
            let body = combinator == .not ? json(operands[0]) : .array(operands.map(json))
            return .object([(combinator.rawValue, body)])
        }
        guard let (_, form, values) = PredicateRegistry.entry(of: predicate) else {
            preconditionFailure("\(predicate) has no PredicateRegistry entry")
        }
        let arguments: [(key: String, value: JSONValue)] = zip(form.arguments, values).map { argument, value in
            switch value {
            case .one(let number): return (argument.key, argument.kind.json(number))
            case .many(let numbers): return (argument.key, .array(numbers.map { .int($0) }))
            }
        }
        return .object([(form.name, .object(arguments))])
    }

    /// Reads a predicate from curriculum-file JSON; `path` names where it is (such as `predicate.AND[1]`)
    /// for the error message, and `depth` its nesting level (1 for a task's predicate), at most
    /// `CurriculumFile.maximumPredicateDepth`.
    static func predicate(from json: JSONValue, path: String, depth: Int = 1) throws(CurriculumError) -> TaskPredicate {
        guard depth <= CurriculumFile.maximumPredicateDepth else {
            throw CurriculumError(message: "\(path): predicates nest deeper than \(CurriculumFile.maximumPredicateDepth) levels")
        }
        let name: String, body: JSONValue
        switch json {
        case .string(let text):
            name = text
            body = .object([])
        case .object(let pairs) where pairs.count == 1:
            name = pairs[0].key
            body = pairs[0].value
        default:
            throw CurriculumError(message: "\(path): must be an object with one key, the predicate name (such as {\"TickGE\": {\"num_tick\": 1024}}), got \(json.typeName)")
        }
        let here = "\(path).\(name)"
        if let combinator = Combinator(rawValue: name) {
            return try combination(combinator, body, path: here, depth: depth)
        }
        guard let form = PredicateRegistry.form(named: name) else {
            let close = closeNames(to: name)
            let hint = close.isEmpty ? "" : " (did you mean \(close.joined(separator: ", "))?)"
            throw CurriculumError(message: "\(path): unknown predicate '\(name.excerpt())'\(hint)")
        }
        guard case .object(let given) = body else {
            throw CurriculumError(message: "\(here): arguments must be an object, got \(body.typeName)")
        }
        if let unknown = given.first(where: { pair in !form.arguments.contains { $0.key == pair.key } }) {
            let known = form.arguments.isEmpty ? "it takes none" : "it takes \(form.arguments.map(\.key).joined(separator: ", "))"
            throw CurriculumError(message: "\(here): unknown argument '\(unknown.key.excerpt())' (\(known))")
        }
        var values: [ArgumentValue] = []
        for argument in form.arguments {
            guard let value = body[argument.key] else {
                if let fallback = argument.defaultValue {
                    values.append(.one(fallback))
                    continue
                }
                throw CurriculumError(message: "\(here): missing argument '\(argument.key)'")
            }
            values.append(try read(value, as: argument.kind, path: "\(here): argument '\(argument.key)'"))
        }
        return form.build(values)
    }

    private static func read(_ value: JSONValue, as kind: PredicateArgument, path: String) throws(CurriculumError) -> ArgumentValue {
        guard case .slots = kind else {
            switch kind.read(value) {
            case .success(let number): return .one(number)
            case .failure(let problem): throw CurriculumError(message: "\(path) \(problem.message)")
            }
        }
        let items: [JSONValue]
        switch value {
        case .array(let array) where !array.isEmpty: items = array
        case .int, .double: items = [value]
        default: throw CurriculumError(message: "\(path) must be a non-empty array of player slots, got \(value.typeName)")
        }
        var slots: [Int] = []
        for item in items {
            switch PredicateArgument.slot.read(item) {
            case .success(let number): slots.append(number)
            case .failure(let problem): throw CurriculumError(message: "\(path) \(problem.message)")
            }
        }
        return .many(slots)
    }

    private static func combination(_ combinator: Combinator, _ body: JSONValue, path: String, depth: Int) throws(CurriculumError) -> TaskPredicate {
        if combinator == .not {
            return .not(try predicate(from: body, path: path, depth: depth + 1))
        }
        guard case .array(let items) = body else {
            throw CurriculumError(message: "\(path): must be an array of predicates, got \(body.typeName)")
        }
        var operands: [TaskPredicate] = []
        for (index, item) in items.enumerated() {
            operands.append(try predicate(from: item, path: "\(path)[\(index)]", depth: depth + 1))
        }
        guard combinator.operandCounts.contains(operands.count) else {
            throw CurriculumError(message: "\(path): needs \(combinator.operandCountText), got \(operands.count)")
        }
        return combinator.combine(operands)
    }

    /// Predicate and combinator names within edit distance 3 of `name` (case-insensitive), or that
    /// contain it or are contained in it, closest first; none for a name longer than
    /// `longestMistypedName` bytes, which is no typo (and would make the distances slow to compute).
    static func closeNames(to name: String) -> [String] {
        guard name.utf8.count <= longestMistypedName else { return [] }
        let target = Array(name.lowercased())
        let scored = (PredicateRegistry.forms.map(\.name) + Combinator.allCases.map(\.rawValue)).map { candidate -> (String, Int) in
            let lowered = candidate.lowercased()
            let distance = editDistance(target, Array(lowered))
            let related = !target.isEmpty && (lowered.contains(String(target)) || String(target).contains(lowered))
            return (candidate, related ? min(distance, 3) : distance)
        }
        return scored.filter { $0.1 <= 3 }.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.prefix(4).map(\.0)
    }

    /// Far longer than any predicate name (the longest, AllMembersWithinRange, has 21 characters).
    private static let longestMistypedName = 64

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
