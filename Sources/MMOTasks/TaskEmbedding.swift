import Foundation
import MMOCore

/// A deterministic structural embedding of a task spec, in place of the competition's 4096-d
/// language-model embedding: a fixed-length float vector built only from the predicate tree.
///
/// Layout (`dimension` = 256):
/// - `[0, 127)` **mean block**: for a leaf predicate its features (below); for a combinator the mean
///   of its operands' mean blocks, with the combinator's own flag then set to 1.
/// - `[127, 254)` **first-operand block**: zeros for a leaf; for a combinator its first operand's mean
///   block (so operand order, as in SUB, matters).
/// - `[254, 256)` **reward target**: one-hot agent / team.
///
/// A leaf's 127 features: predicate one-hot (34, at the predicate's position in
/// `PredicateRegistry.forms`, which is `TaskPredicate` order), combinator flags (6, in
/// `Combinator.allCases` order: AND, OR, NOT, ADD, SUB, MUL), item kind one-hot (16), skill one-hot
/// (8), combat style one-hot (3), material one-hot (16), event kind one-hot (22, `EventKind` order), agent type (2), agent status
/// (2), quadrant (4), and 14 numbers: level / 10; log-scaled quantity, number of agents, gold
/// amount, ticks and experience (`log(1 + x) / log(1 + scale)`); distance / 128; row and column /
/// 160; free slots / 12; progress and seize bonuses / 100; number of player targets / 128 and their
/// mean slot / 128 (for ProtectLeader, of the foes in `target_destroy`). Every number is monotone and continuous in its argument, so nearby arguments
/// give nearby vectors; ids outside the known enumerations leave their one-hot block empty.
public enum TaskEmbedding {
    /// Length of a leaf's feature block.
    static let featureCount = 127
    /// Length of every embedding.
    public static let dimension = 2 * featureCount + 2

    private static let predicateBase = 0
    private static let combinatorBase = 34
    private static let itemBase = 40
    private static let skillBase = 56
    private static let styleBase = 64
    private static let materialBase = 67
    private static let eventBase = 83
    private static let agentTypeBase = 105
    private static let statusBase = 107
    private static let quadrantBase = 109
    private static let numberBase = 113

    /// The numeric features, in block order after `numberBase`.
    private enum Number: Int {
        case level, quantity, agents, gold, ticks, experience, distance, row, col, space, progressBonus, seizeBonus, targets, targetSlot
    }

    /// The embedding of `spec`: `dimension` floats.
    public static func embed(_ spec: TaskSpec) -> [Float] {
        var vector = [Float](repeating: 0, count: dimension)
        let mean = features(spec.predicate)
        vector.replaceSubrange(0..<featureCount, with: mean)
        if let first = Combinator.split(spec.predicate)?.operands.first {
            vector.replaceSubrange(featureCount..<2 * featureCount, with: features(first))
        }
        vector[2 * featureCount + (spec.rewardTo == .agent ? 0 : 1)] = 1
        return vector
    }

    /// The mean block of a predicate (see the type's documentation).
    private static func features(_ predicate: TaskPredicate) -> [Float] {
        var block = [Float](repeating: 0, count: featureCount)
        if let (combinator, items) = Combinator.split(predicate) {
            for item in items {
                for (index, value) in features(item).enumerated() { block[index] += value / Float(items.count) }
            }
            block[combinatorBase + Combinator.allCases.firstIndex(of: combinator)!] = 1
            return block
        }
        guard let (position, form, values) = PredicateRegistry.entry(of: predicate) else { return block }
        block[predicateBase + position] = 1
        for (argument, value) in zip(form.arguments, values) {
            set(&block, key: argument.key, kind: argument.kind, value: value)
        }
        return block
    }

    private static func set(_ block: inout [Float], key: String, kind: PredicateArgument, value: ArgumentValue) {
        func oneHot(_ base: Int, _ index: Int?) {
            if let index { block[base + index] = 1 }
        }
        func number(_ which: Number, _ x: Float) { block[numberBase + which.rawValue] = x }
        func logScaled(_ x: Int, _ scale: Float) -> Float { log1p(Float(max(x, 0))) / log1p(scale) }
        let n = value.int
        switch kind {
        case .item: oneHot(itemBase, ItemKind.allCases.firstIndex { Int($0.rawValue) == n })
        case .skill: oneHot(skillBase, Skill.allCases.firstIndex { $0.rawValue == n })
        case .style: oneHot(styleBase, CombatStyle.allCases.firstIndex { $0.rawValue == n })
        case .material: oneHot(materialBase, Material.allCases.firstIndex { Int($0.rawValue) == n })
        case .event: oneHot(eventBase, EventKind.allCases.firstIndex { Int($0.rawValue) == n })
        case .agentType: oneHot(agentTypeBase, (0...1).contains(n) ? n : nil)
        case .status: oneHot(statusBase, (0...1).contains(n) ? n : nil)
        case .quadrant: oneHot(quadrantBase, (1...4).contains(n) ? n - 1 : nil)
        case .level: number(.level, Float(n) / 10)
        case .ticks: number(.ticks, logScaled(n, 1024))
        case .distance: number(.distance, Float(n) / 128)
        case .coordinate: number(key == "row" ? .row : .col, Float(n) / 160)
        case .space: number(.space, Float(n) / 12)
        case .bonus: number(key == "seize_bonus" ? .seizeBonus : .progressBonus, Float(n) / 100)
        case .slot:
            number(.targets, 1 / 128)
            number(.targetSlot, Float(n) / 128)
        case .slots:
            let slots = value.list
            number(.targets, Float(slots.count) / 128)
            number(.targetSlot, Float(slots.reduce(0, +)) / Float(max(slots.count, 1)) / 128)
        case .count:
            switch key {
            case "num_agent": number(.agents, logScaled(n, 128))
            case "amount": number(.gold, logScaled(n, 1000))
            case "experience": number(.experience, logScaled(n, 10_000))
            default: number(.quantity, logScaled(n, 1000))
            }
        }
    }
}
