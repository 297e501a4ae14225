import MMOCore

/// A predicate tree flattened into nodes, so that evaluating it walks plain memory: no enum boxes,
/// no arrays, no reference counting per tick. `TaskBatch` holds the programs of its tasks.
struct PredicateProgram {
    /// The nodes; each node's operands come before it.
    var nodes: [ProgramNode] = []
    /// Operand node indices of AND and OR nodes.
    var links: [Int32] = []
    /// Player slots of CheckAgentStatus, CanSeeAgent and CanSeeGroup nodes.
    var targets: [Int32] = []

    /// Appends `predicate` (operands first) and returns its node index.
    @discardableResult
    mutating func append(_ predicate: TaskPredicate) -> Int32 {
        switch predicate {
        case .allDead: return add(.allDead)
        case .stayAlive: return add(.stayAlive)
        case .success: return add(.success)
        case let .tickGE(numTick): return add(.tickGE, numTick)
        case let .checkAgentStatus(targets, status):
            let list = addTargets(targets)
            return add(.checkAgentStatus, list.start, list.count, status.rawValue)
        case let .allMembersWithinRange(distance): return add(.allMembersWithinRange, distance)
        case let .canSeeAgent(target):
            let list = addTargets([target])
            return add(.canSeeGroup, list.start, list.count)
        case let .canSeeGroup(targets):
            let list = addTargets(targets)
            return add(.canSeeGroup, list.start, list.count)
        case let .canSeeTile(tileType): return add(.canSeeTile, tileType)
        case let .occupyTile(row, col): return add(.occupyTile, row, col)
        case let .distanceTraveled(distance): return add(.distanceTraveled, distance)
        case .progressTowardCenter: return add(.progressTowardCenter)
        case let .seizeTile(row, col, numTicks, progressBonus, seizeBonus):
            return add(.seizeTile, row, col, numTicks, progressBonus, seizeBonus)
        case let .seizeCenter(numTicks, progressBonus): return add(.seizeCenter, numTicks, progressBonus)
        case let .seizeQuadCenter(numTicks, quadrant, progressBonus): return add(.seizeQuadCenter, numTicks, quadrant.rawValue, progressBonus)
        case let .protectLeader(targetProtect, _): return add(.protectLeader, targetProtect)
        case let .attainSkill(skill, level, numAgent): return add(.attainSkill, skill, level, numAgent)
        case let .gainExperience(skill, experience, numAgent): return add(.gainExperience, skill, experience, numAgent)
        case let .defeatEntity(agentType, level, numAgent): return add(.defeatEntity, agentType.rawValue, level, numAgent)
        case let .scoreHit(combatStyle, count): return add(.scoreHit, combatStyle, count)
        case let .fireAmmo(item, level, quantity): return add(.fireAmmo, Self.itemKind(item), level, quantity)
        case let .fullyArmed(combatStyle, level, numAgent): return add(.fullyArmed, combatStyle, level, numAgent)
        case let .countEvent(event, count): return add(.countEvent, Self.eventKind(event), count)
        case let .harvestItem(item, level, quantity): return add(.harvestItem, Self.itemKind(item), level, quantity)
        case let .consumeItem(item, level, quantity): return add(.consumeItem, Self.itemKind(item), level, quantity)
        case let .equipItem(item, level, numAgent): return add(.equipItem, Self.itemKind(item), level, numAgent)
        case let .ownItem(item, level, quantity): return add(.ownItem, Self.itemKind(item), level, quantity)
        case let .inventorySpaceGE(space): return add(.inventorySpaceGE, space)
        case let .hoardGold(amount): return add(.hoardGold, amount)
        case let .earnGold(amount): return add(.earnGold, amount)
        case let .spendGold(amount): return add(.spendGold, amount)
        case let .makeProfit(amount): return add(.makeProfit, amount)
        case let .listItem(item, level, quantity): return add(.listItem, Self.itemKind(item), level, quantity)
        case let .buyItem(item, level, quantity): return add(.buyItem, Self.itemKind(item), level, quantity)
        case let .and(operands): return addList(.and, operands)
        case let .or(operands): return addList(.or, operands)
        case let .not(operand): return add(.not, Int(append(operand)))
        case let .add(first, second): return add(.add, Int(append(first)), Int(append(second)))
        case let .sub(first, second): return add(.sub, Int(append(first)), Int(append(second)))
        case let .mul(first, second): return add(.mul, Int(append(first)), Int(append(second)))
        }
    }

    private mutating func add(_ op: ProgramOp, _ a: Int = 0, _ b: Int = 0, _ c: Int = 0, _ d: Int = 0, _ e: Int = 0) -> Int32 {
        nodes.append(ProgramNode(op: op, a: Self.narrow(a), b: Self.narrow(b), c: Self.narrow(c), d: Self.narrow(d), e: Self.narrow(e)))
        return Int32(nodes.count - 1)
    }

    private mutating func addTargets(_ slots: [Int]) -> (start: Int, count: Int) {
        let start = targets.count
        for slot in slots { targets.append(Self.narrow(slot)) }
        return (start, slots.count)
    }

    private mutating func addList(_ op: ProgramOp, _ operands: [TaskPredicate]) -> Int32 {
        let children = operands.map { append($0) }
        let start = links.count
        links.append(contentsOf: children)
        return add(op, start, children.count)
    }

    /// The `ItemKind` index (0..<16) of an item type id, or -1 for an unknown id, resolved here so
    /// evaluation does not look it up every tick.
    private static func itemKind(_ item: Int) -> Int {
        guard item >= 0, item <= Int(UInt8.max), let kind = ItemKind(rawValue: UInt8(item)) else { return -1 }
        return kind.index
    }

    /// The dense index (position in `EventKind.allCases`) of an event code, or -1 for an unknown code.
    private static func eventKind(_ event: Int) -> Int {
        guard event >= 0, event <= Int(UInt8.max), let kind = EventKind(rawValue: UInt8(event)) else { return -1 }
        return EventKind.allCases.firstIndex(of: kind) ?? -1
    }

    /// An argument as Int32, saturating: out-of-range arguments stay out of range.
    private static func narrow(_ value: Int) -> Int32 { Int32(clamping: value) }
}

/// One node of a `PredicateProgram`: what to compute and up to five integer arguments (in the
/// order of the `TaskPredicate` case's arguments, with list arguments as a start and a count in
/// the program's `targets` or `links`, item ids as `ItemKind` indices and event codes as dense
/// event indices, -1 when unknown).
struct ProgramNode {
    var op: ProgramOp
    var a: Int32
    var b: Int32
    var c: Int32
    var d: Int32
    var e: Int32
}

/// The operation of a `ProgramNode`: one per predicate and combinator (CanSeeAgent is a
/// CanSeeGroup of one target).
enum ProgramOp: UInt8 {
    case allDead, stayAlive, success, tickGE, checkAgentStatus, protectLeader
    case allMembersWithinRange, canSeeGroup, canSeeTile, occupyTile, distanceTraveled, progressTowardCenter
    case seizeTile, seizeCenter, seizeQuadCenter
    case attainSkill, gainExperience, defeatEntity, scoreHit, fireAmmo, fullyArmed, countEvent
    case harvestItem, consumeItem, equipItem, ownItem, inventorySpaceGE
    case hoardGold, earnGold, spendGold, makeProfit, listItem, buyItem
    case and, or, not, add, sub, mul
}
