import MMOCore

/// What a predicate argument in a curriculum file holds: its allowed integer range and, for
/// enumerations (item kinds, skills, combat styles, materials, event kinds, ...), the names it may be
/// written as. Names are written in files; integer ids are accepted too.
enum PredicateArgument: Sendable {
    /// A count, quantity, amount or number of agents to reach (0...1,000,000).
    case count
    /// An item or skill level (1...10).
    case level
    /// A number of ticks (0...32,767).
    case ticks
    /// A tile distance (0...1,024).
    case distance
    /// A map row or column (0...1,023).
    case coordinate
    /// A number of free inventory slots (0...12).
    case space
    /// A bonus in hundredths (0...100).
    case bonus
    /// A player slot (0...1,023).
    case slot
    /// A non-empty list of player slots.
    case slots
    /// An `ItemKind` (by name, such as "whetstone", or id 2...17).
    case item
    /// A `Skill` (by name, such as "fishing", or id 0...7).
    case skill
    /// A `CombatStyle` (by name, "melee", "range" or "mage", or id 0...2).
    case style
    /// A `Material` (by name, such as "foilage", or id 0...15).
    case material
    /// An `EventKind` (by reference name, such as "EAT_FOOD", or code).
    case event
    /// An `AgentStatus` ("alive" or "dead", or 0...1).
    case status
    /// An `AgentType` ("player" or "npc", or 0...1).
    case agentType
    /// A `Quadrant` ("first" ... "fourth", or 1...4).
    case quadrant

    /// The integers a number argument allows (for an enumeration, the span of its ids, not all of
    /// which need be valid).
    var range: ClosedRange<Int> {
        switch self {
        case .count: return 0...1_000_000
        case .level: return 1...10
        case .ticks: return 0...32_767
        case .distance: return 0...1_024
        case .coordinate, .slot, .slots: return 0...1_023
        case .space: return 0...12
        case .bonus: return 0...100
        case .item, .skill, .style, .material, .event, .status, .agentType, .quadrant:
            let ids = names.map(\.id)
            return ids.min()!...ids.max()!
        }
    }

    /// The names and ids of an enumeration, in id order; empty for plain numbers.
    var names: [(name: String, id: Int)] {
        switch self {
        case .item: return ItemKind.allCases.map { ($0.name, Int($0.rawValue)) }
        case .skill: return Skill.allCases.map { ($0.name, $0.rawValue) }
        case .style: return CombatStyle.allCases.map { ($0.skill.name, $0.rawValue) }
        case .material: return Material.allCases.map { ($0.name, Int($0.rawValue)) }
        case .event: return EventKind.allCases.map { ($0.name, Int($0.rawValue)) }
        case .status: return [("alive", 0), ("dead", 1)]
        case .agentType: return [("player", 0), ("npc", 1)]
        case .quadrant: return [("first", 1), ("second", 2), ("third", 3), ("fourth", 4)]
        default: return []
        }
    }

    /// What the argument is, for error messages.
    var kindName: String {
        switch self {
        case .item: return "item kind"
        case .skill: return "skill"
        case .style: return "combat style"
        case .material: return "tile material"
        case .event: return "event kind"
        case .status: return "agent status"
        case .agentType: return "agent type"
        case .quadrant: return "quadrant"
        default: return "integer"
        }
    }

    /// The argument's value read from JSON, or the problem.
    func read(_ value: JSONValue) -> Result<Int, Problem> {
        switch value {
        case .string(let text):
            if let match = names.first(where: { $0.name.lowercased() == text.lowercased() }) { return .success(match.id) }
            if names.isEmpty { return .failure(Problem("must be an integer, got a string")) }
            return .failure(Problem("unknown \(kindName) '\(text.excerpt())' (one of \(names.map(\.name).joined(separator: ", ")))"))
        case .int(let number):
            return check(number)
        case .double(let number) where number.rounded() == number && abs(number) < 1e15:
            return check(Int(number))
        case .double:
            return .failure(Problem("must be an integer, got \(value.text)"))
        default:
            return .failure(Problem("must be \(names.isEmpty ? "an integer" : "a \(kindName) name or id"), got \(value.typeName)"))
        }
    }

    private func check(_ number: Int) -> Result<Int, Problem> {
        if !names.isEmpty {
            return names.contains { $0.id == number } ? .success(number)
                : .failure(Problem("unknown \(kindName) id \(number)"))
        }
        return range.contains(number) ? .success(number)
            : .failure(Problem("must be in \(range.lowerBound)...\(range.upperBound), got \(number)"))
    }

    /// The JSON an argument value is written as: its name for enumerations, else the number.
    func json(_ number: Int) -> JSONValue {
        if let match = names.first(where: { $0.id == number }) { return .string(match.name) }
        return .int(number)
    }

    /// A problem with one value, before it is placed in a file and entry.
    struct Problem: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
