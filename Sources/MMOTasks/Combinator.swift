/// The `TaskPredicate` cases that combine other predicates, named as curriculum files write them.
/// The declaration order is part of the task embedding: `TaskEmbedding` sets a combinator's flag at
/// its position in `allCases`, so never reorder the cases.
enum Combinator: String, CaseIterable, Sendable {
    case and = "AND"
    case or = "OR"
    case not = "NOT"
    case add = "ADD"
    case sub = "SUB"
    case mul = "MUL"

    /// How many operands it takes: AND and OR at least one, NOT one, ADD, SUB and MUL two.
    var operandCounts: ClosedRange<Int> {
        switch self {
        case .and, .or: return 1...Int.max
        case .not: return 1...1
        case .add, .sub, .mul: return 2...2
        }
    }

    /// `operandCounts` in words, for error messages: "at least 1 operand", "exactly 2 operands".
    var operandCountText: String {
        let bound = operandCounts.lowerBound
        let noun = bound == 1 ? "operand" : "operands"
        return operandCounts.upperBound == bound ? "exactly \(bound) \(noun)" : "at least \(bound) \(noun)"
    }

    /// The combinator of `predicate` and its operands in order; nil for a leaf predicate.
    static func split(_ predicate: TaskPredicate) -> (combinator: Combinator, operands: [TaskPredicate])? {
        switch predicate {
        case .and(let operands): return (.and, operands)
        case .or(let operands): return (.or, operands)
        case .not(let operand): return (.not, [operand])
        case .add(let first, let second): return (.add, [first, second])
        case .sub(let first, let second): return (.sub, [first, second])
        case .mul(let first, let second): return (.mul, [first, second])
        default: return nil
        }
    }

    /// The predicate combining `operands`, whose count must be in `operandCounts`.
    func combine(_ operands: [TaskPredicate]) -> TaskPredicate {
        precondition(operandCounts.contains(operands.count), "\(rawValue) takes \(operandCountText), got \(operands.count)")
        switch self {
        case .and: return .and(operands)
        case .or: return .or(operands)
        case .not: return .not(operands[0])
        case .add: return .add(operands[0], operands[1])
        case .sub: return .sub(operands[0], operands[1])
        case .mul: return .mul(operands[0], operands[1])
        }
    }
}
