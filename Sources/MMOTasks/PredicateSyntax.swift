/// How a `TaskPredicate` is written in a curriculum file: `{"PredicateName": {"argument": value,
/// ...}}` with Neural MMO's predicate and argument names, and the combinators as `{"AND": [p, ...]}`,
/// `{"OR": [p, ...]}`, `{"NOT": p}`, `{"ADD": [p, q]}`, `{"SUB": [p, q]}`, `{"MUL": [p, q]}`.
/// Predicates without arguments may also be written as a bare string (`"StayAlive"`).
enum PredicateSyntax {
    /// One predicate's name and arguments (key, kind, default).
    struct Form: Sendable {
        let name: String
        let arguments: [(key: String, kind: PredicateArgument, defaultValue: Int?)]
    }

    /// The 34 predicates, in `TaskPredicate` order.
    static let forms: [Form] = [
        Form(name: "AllDead", arguments: []),
        Form(name: "StayAlive", arguments: []),
        Form(name: "Success", arguments: []),
        Form(name: "TickGE", arguments: [("num_tick", .ticks, nil)]),
        Form(name: "CheckAgentStatus", arguments: [("target", .slots, nil), ("status", .status, nil)]),
        Form(name: "AllMembersWithinRange", arguments: [("dist", .distance, nil)]),
        Form(name: "CanSeeAgent", arguments: [("target", .slot, nil)]),
        Form(name: "CanSeeGroup", arguments: [("target", .slots, nil)]),
        Form(name: "CanSeeTile", arguments: [("tile_type", .material, nil)]),
        Form(name: "OccupyTile", arguments: [("row", .coordinate, nil), ("col", .coordinate, nil)]),
        Form(name: "DistanceTraveled", arguments: [("dist", .distance, nil)]),
        Form(name: "ProgressTowardCenter", arguments: []),
        Form(name: "SeizeTile", arguments: [("row", .coordinate, nil), ("col", .coordinate, nil), ("num_ticks", .ticks, nil),
                                             ("progress_bonus", .bonus, 40), ("seize_bonus", .bonus, 30)]),
        Form(name: "SeizeCenter", arguments: [("num_ticks", .ticks, nil), ("progress_bonus", .bonus, 30)]),
        Form(name: "SeizeQuadCenter", arguments: [("num_ticks", .ticks, nil), ("quadrant", .quadrant, nil), ("progress_bonus", .bonus, 30)]),
        Form(name: "ProtectLeader", arguments: [("target_protect", .slot, nil), ("target_destroy", .slots, nil)]),
        Form(name: "AttainSkill", arguments: [("skill", .skill, nil), ("level", .level, nil), ("num_agent", .count, nil)]),
        Form(name: "GainExperience", arguments: [("skill", .skill, nil), ("experience", .count, nil), ("num_agent", .count, nil)]),
        Form(name: "DefeatEntity", arguments: [("agent_type", .agentType, nil), ("level", .level, nil), ("num_agent", .count, nil)]),
        Form(name: "ScoreHit", arguments: [("combat_style", .style, nil), ("N", .count, nil)]),
        Form(name: "FireAmmo", arguments: [("item", .item, nil), ("level", .level, nil), ("quantity", .count, nil)]),
        Form(name: "FullyArmed", arguments: [("combat_style", .style, nil), ("level", .level, nil), ("num_agent", .count, nil)]),
        Form(name: "CountEvent", arguments: [("event", .event, nil), ("N", .count, nil)]),
        Form(name: "HarvestItem", arguments: [("item", .item, nil), ("level", .level, nil), ("quantity", .count, nil)]),
        Form(name: "ConsumeItem", arguments: [("item", .item, nil), ("level", .level, nil), ("quantity", .count, nil)]),
        Form(name: "EquipItem", arguments: [("item", .item, nil), ("level", .level, nil), ("num_agent", .count, nil)]),
        Form(name: "OwnItem", arguments: [("item", .item, nil), ("level", .level, nil), ("quantity", .count, nil)]),
        Form(name: "InventorySpaceGE", arguments: [("space", .space, nil)]),
        Form(name: "HoardGold", arguments: [("amount", .count, nil)]),
        Form(name: "EarnGold", arguments: [("amount", .count, nil)]),
        Form(name: "SpendGold", arguments: [("amount", .count, nil)]),
        Form(name: "MakeProfit", arguments: [("amount", .count, nil)]),
        Form(name: "ListItem", arguments: [("item", .item, nil), ("level", .level, nil), ("quantity", .count, nil)]),
        Form(name: "BuyItem", arguments: [("item", .item, nil), ("level", .level, nil), ("quantity", .count, nil)]),
    ]

    /// An argument value: one integer, or a list for player-slot lists.
    enum Value: Equatable, Sendable {
        case one(Int)
        case many([Int])

        var int: Int { if case .one(let value) = self { return value } else { return 0 } }
        var list: [Int] { if case .many(let values) = self { return values } else { return [] } }
    }

    /// The index in `forms` of a leaf predicate and its argument values, in `Form.arguments` order.
    static func components(of predicate: TaskPredicate) -> (form: Int, values: [Value])? {
        switch predicate {
        case .allDead: return (0, [])
        case .stayAlive: return (1, [])
        case .success: return (2, [])
        case .tickGE(let n): return (3, [.one(n)])
        case .checkAgentStatus(let targets, let status): return (4, [.many(targets), .one(status.rawValue)])
        case .allMembersWithinRange(let d): return (5, [.one(d)])
        case .canSeeAgent(let target): return (6, [.one(target)])
        case .canSeeGroup(let targets): return (7, [.many(targets)])
        case .canSeeTile(let tile): return (8, [.one(tile)])
        case .occupyTile(let row, let col): return (9, [.one(row), .one(col)])
        case .distanceTraveled(let d): return (10, [.one(d)])
        case .progressTowardCenter: return (11, [])
        case .seizeTile(let row, let col, let ticks, let progress, let seize):
            return (12, [.one(row), .one(col), .one(ticks), .one(progress), .one(seize)])
        case .seizeCenter(let ticks, let progress): return (13, [.one(ticks), .one(progress)])
        case .seizeQuadCenter(let ticks, let quadrant, let progress): return (14, [.one(ticks), .one(quadrant.rawValue), .one(progress)])
        case .protectLeader(let protect, let destroy): return (15, [.one(protect), .many(destroy)])
        case .attainSkill(let skill, let level, let n): return (16, [.one(skill), .one(level), .one(n)])
        case .gainExperience(let skill, let xp, let n): return (17, [.one(skill), .one(xp), .one(n)])
        case .defeatEntity(let type, let level, let n): return (18, [.one(type.rawValue), .one(level), .one(n)])
        case .scoreHit(let style, let n): return (19, [.one(style), .one(n)])
        case .fireAmmo(let item, let level, let q): return (20, [.one(item), .one(level), .one(q)])
        case .fullyArmed(let style, let level, let n): return (21, [.one(style), .one(level), .one(n)])
        case .countEvent(let event, let n): return (22, [.one(event), .one(n)])
        case .harvestItem(let item, let level, let q): return (23, [.one(item), .one(level), .one(q)])
        case .consumeItem(let item, let level, let q): return (24, [.one(item), .one(level), .one(q)])
        case .equipItem(let item, let level, let n): return (25, [.one(item), .one(level), .one(n)])
        case .ownItem(let item, let level, let q): return (26, [.one(item), .one(level), .one(q)])
        case .inventorySpaceGE(let space): return (27, [.one(space)])
        case .hoardGold(let amount): return (28, [.one(amount)])
        case .earnGold(let amount): return (29, [.one(amount)])
        case .spendGold(let amount): return (30, [.one(amount)])
        case .makeProfit(let amount): return (31, [.one(amount)])
        case .listItem(let item, let level, let q): return (32, [.one(item), .one(level), .one(q)])
        case .buyItem(let item, let level, let q): return (33, [.one(item), .one(level), .one(q)])
        case .and, .or, .not, .add, .sub, .mul: return nil
        }
    }

    /// The leaf predicate of `forms[form]` with `values` (already checked against the form).
    static func make(form: Int, values v: [Value]) -> TaskPredicate {
        switch form {
        case 0: return .allDead
        case 1: return .stayAlive
        case 2: return .success
        case 3: return .tickGE(numTick: v[0].int)
        case 4: return .checkAgentStatus(targets: v[0].list, status: AgentStatus(rawValue: v[1].int)!)
        case 5: return .allMembersWithinRange(distance: v[0].int)
        case 6: return .canSeeAgent(target: v[0].int)
        case 7: return .canSeeGroup(targets: v[0].list)
        case 8: return .canSeeTile(tileType: v[0].int)
        case 9: return .occupyTile(row: v[0].int, col: v[1].int)
        case 10: return .distanceTraveled(distance: v[0].int)
        case 11: return .progressTowardCenter
        case 12: return .seizeTile(row: v[0].int, col: v[1].int, numTicks: v[2].int, progressBonus: v[3].int, seizeBonus: v[4].int)
        case 13: return .seizeCenter(numTicks: v[0].int, progressBonus: v[1].int)
        case 14: return .seizeQuadCenter(numTicks: v[0].int, quadrant: Quadrant(rawValue: v[1].int)!, progressBonus: v[2].int)
        case 15: return .protectLeader(targetProtect: v[0].int, targetDestroy: v[1].list)
        case 16: return .attainSkill(skill: v[0].int, level: v[1].int, numAgent: v[2].int)
        case 17: return .gainExperience(skill: v[0].int, experience: v[1].int, numAgent: v[2].int)
        case 18: return .defeatEntity(agentType: AgentType(rawValue: v[0].int)!, level: v[1].int, numAgent: v[2].int)
        case 19: return .scoreHit(combatStyle: v[0].int, count: v[1].int)
        case 20: return .fireAmmo(item: v[0].int, level: v[1].int, quantity: v[2].int)
        case 21: return .fullyArmed(combatStyle: v[0].int, level: v[1].int, numAgent: v[2].int)
        case 22: return .countEvent(event: v[0].int, count: v[1].int)
        case 23: return .harvestItem(item: v[0].int, level: v[1].int, quantity: v[2].int)
        case 24: return .consumeItem(item: v[0].int, level: v[1].int, quantity: v[2].int)
        case 25: return .equipItem(item: v[0].int, level: v[1].int, numAgent: v[2].int)
        case 26: return .ownItem(item: v[0].int, level: v[1].int, quantity: v[2].int)
        case 27: return .inventorySpaceGE(space: v[0].int)
        case 28: return .hoardGold(amount: v[0].int)
        case 29: return .earnGold(amount: v[0].int)
        case 30: return .spendGold(amount: v[0].int)
        case 31: return .makeProfit(amount: v[0].int)
        case 32: return .listItem(item: v[0].int, level: v[1].int, quantity: v[2].int)
        default: return .buyItem(item: v[0].int, level: v[1].int, quantity: v[2].int)
        }
    }

    /// The predicate as curriculum-file JSON.
    static func json(_ predicate: TaskPredicate) -> JSONValue {
        if let (combinator, operands) = Combinator.split(predicate) {
            let body = combinator == .not ? json(operands[0]) : .array(operands.map(json))
            return .object([(combinator.rawValue, body)])
        }
        let (index, values) = components(of: predicate)!
        let form = forms[index]
        let arguments: [(key: String, value: JSONValue)] = zip(form.arguments, values).map { argument, value in
            switch value {
            case .one(let number): return (argument.key, argument.kind.json(number))
            case .many(let numbers): return (argument.key, .array(numbers.map { .int($0) }))
            }
        }
        return .object([(form.name, .object(arguments))])
    }

    /// Reads a predicate from curriculum-file JSON; `path` names where it is (such as `predicate.AND[1]`)
    /// for the error message.
    static func predicate(from json: JSONValue, path: String) throws(CurriculumError) -> TaskPredicate {
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
            return try combination(combinator, body, path: here)
        }
        guard let index = forms.firstIndex(where: { $0.name == name }) else {
            let close = closeNames(to: name)
            let hint = close.isEmpty ? "" : " (did you mean \(close.joined(separator: ", "))?)"
            throw CurriculumError(message: "\(path): unknown predicate '\(name)'\(hint)")
        }
        let form = forms[index]
        guard case .object(let given) = body else {
            throw CurriculumError(message: "\(here): arguments must be an object, got \(body.typeName)")
        }
        if let unknown = given.first(where: { pair in !form.arguments.contains { $0.key == pair.key } }) {
            let known = form.arguments.isEmpty ? "it takes none" : "it takes \(form.arguments.map(\.key).joined(separator: ", "))"
            throw CurriculumError(message: "\(here): unknown argument '\(unknown.key)' (\(known))")
        }
        var values: [Value] = []
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
        return make(form: index, values: values)
    }

    private static func read(_ value: JSONValue, as kind: PredicateArgument, path: String) throws(CurriculumError) -> Value {
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

    private static func combination(_ combinator: Combinator, _ body: JSONValue, path: String) throws(CurriculumError) -> TaskPredicate {
        if combinator == .not {
            return .not(try predicate(from: body, path: path))
        }
        guard case .array(let items) = body else {
            throw CurriculumError(message: "\(path): must be an array of predicates, got \(body.typeName)")
        }
        var operands: [TaskPredicate] = []
        for (index, item) in items.enumerated() {
            operands.append(try predicate(from: item, path: "\(path)[\(index)]"))
        }
        if let arity = combinator.arity, operands.count != arity {
            throw CurriculumError(message: "\(path): needs exactly \(arity) operands, got \(operands.count)")
        }
        return combinator.combine(operands)
    }

    /// Predicate and combinator names within edit distance 3 of `name` (case-insensitive), or that
    /// contain it or are contained in it, closest first.
    static func closeNames(to name: String) -> [String] {
        let target = Array(name.lowercased())
        let scored = (forms.map(\.name) + Combinator.allCases.map(\.rawValue)).map { candidate -> (String, Int) in
            let lowered = candidate.lowercased()
            let distance = editDistance(target, Array(lowered))
            let related = !target.isEmpty && (lowered.contains(String(target)) || String(target).contains(lowered))
            return (candidate, related ? min(distance, 3) : distance)
        }
        return scored.filter { $0.1 <= 3 }.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.prefix(4).map(\.0)
    }

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
