/// Every leaf predicate a curriculum file can name, one `PredicateForm` each: the single place that
/// ties a `TaskPredicate` case to its name, its arguments and their conversions.
enum PredicateRegistry {
    // Arguments that several predicates share.
    private static let item: TypedArgument<Int> = .integer("item", .item)
    private static let level: TypedArgument<Int> = .integer("level", .level)
    private static let quantity: TypedArgument<Int> = .integer("quantity", .count)
    private static let numAgent: TypedArgument<Int> = .integer("num_agent", .count)
    private static let amount: TypedArgument<Int> = .integer("amount", .count)
    private static let count: TypedArgument<Int> = .integer("N", .count)
    private static let skill: TypedArgument<Int> = .integer("skill", .skill)
    private static let combatStyle: TypedArgument<Int> = .integer("combat_style", .style)
    private static let numTicks: TypedArgument<Int> = .integer("num_ticks", .ticks)
    private static let row: TypedArgument<Int> = .integer("row", .coordinate)
    private static let col: TypedArgument<Int> = .integer("col", .coordinate)
    private static let distance: TypedArgument<Int> = .integer("dist", .distance)
    private static let targets: TypedArgument<[Int]> = .slots("target")
    /// SeizeCenter's and SeizeQuadCenter's (SeizeTile's defaults to 40).
    private static let progressBonus: TypedArgument<Int> = .integer("progress_bonus", .bonus, default: 30)

    /// The 34 leaf predicates, in `TaskPredicate` order. The order is part of the task embedding:
    /// `TaskEmbedding` sets the one-hot feature at an entry's position here, so append new entries at
    /// the end and never reorder them.
    static let forms: [PredicateForm] = [
        // Survival and time.
        PredicateForm("AllDead", constant: .allDead),
        PredicateForm("StayAlive", constant: .stayAlive),
        PredicateForm("Success", constant: .success),
        PredicateForm("TickGE", .integer("num_tick", .ticks), build: TaskPredicate.tickGE) {
            if case let .tickGE(numTick) = $0 { numTick } else { nil }
        },
        PredicateForm("CheckAgentStatus", targets, .enumeration("status", .status), build: TaskPredicate.checkAgentStatus) {
            if case let .checkAgentStatus(targets, status) = $0 { (targets, status) } else { nil }
        },
        // Positions, vision and territory.
        PredicateForm("AllMembersWithinRange", distance, build: TaskPredicate.allMembersWithinRange) {
            if case let .allMembersWithinRange(distance) = $0 { distance } else { nil }
        },
        PredicateForm("CanSeeAgent", .integer("target", .slot), build: TaskPredicate.canSeeAgent) {
            if case let .canSeeAgent(target) = $0 { target } else { nil }
        },
        PredicateForm("CanSeeGroup", targets, build: TaskPredicate.canSeeGroup) {
            if case let .canSeeGroup(targets) = $0 { targets } else { nil }
        },
        PredicateForm("CanSeeTile", .integer("tile_type", .material), build: TaskPredicate.canSeeTile) {
            if case let .canSeeTile(tileType) = $0 { tileType } else { nil }
        },
        PredicateForm("OccupyTile", row, col, build: TaskPredicate.occupyTile) {
            if case let .occupyTile(row, col) = $0 { (row, col) } else { nil }
        },
        PredicateForm("DistanceTraveled", distance, build: TaskPredicate.distanceTraveled) {
            if case let .distanceTraveled(distance) = $0 { distance } else { nil }
        },
        PredicateForm("ProgressTowardCenter", constant: .progressTowardCenter),
        PredicateForm("SeizeTile", row, col, numTicks, .integer("progress_bonus", .bonus, default: 40),
                      .integer("seize_bonus", .bonus, default: 30), build: TaskPredicate.seizeTile) {
            if case let .seizeTile(row, col, numTicks, progressBonus, seizeBonus) = $0 { (row, col, numTicks, progressBonus, seizeBonus) } else { nil }
        },
        PredicateForm("SeizeCenter", numTicks, progressBonus, build: TaskPredicate.seizeCenter) {
            if case let .seizeCenter(numTicks, progressBonus) = $0 { (numTicks, progressBonus) } else { nil }
        },
        PredicateForm("SeizeQuadCenter", numTicks, .enumeration("quadrant", .quadrant), progressBonus, build: TaskPredicate.seizeQuadCenter) {
            if case let .seizeQuadCenter(numTicks, quadrant, progressBonus) = $0 { (numTicks, quadrant, progressBonus) } else { nil }
        },
        PredicateForm("ProtectLeader", .integer("target_protect", .slot), .slots("target_destroy"), build: TaskPredicate.protectLeader) {
            if case let .protectLeader(targetProtect, targetDestroy) = $0 { (targetProtect, targetDestroy) } else { nil }
        },
        // Skills and combat.
        PredicateForm("AttainSkill", skill, level, numAgent, build: TaskPredicate.attainSkill) {
            if case let .attainSkill(skill, level, numAgent) = $0 { (skill, level, numAgent) } else { nil }
        },
        PredicateForm("GainExperience", skill, .integer("experience", .count), numAgent, build: TaskPredicate.gainExperience) {
            if case let .gainExperience(skill, experience, numAgent) = $0 { (skill, experience, numAgent) } else { nil }
        },
        PredicateForm("DefeatEntity", .enumeration("agent_type", .agentType), level, numAgent, build: TaskPredicate.defeatEntity) {
            if case let .defeatEntity(agentType, level, numAgent) = $0 { (agentType, level, numAgent) } else { nil }
        },
        PredicateForm("ScoreHit", combatStyle, count, build: TaskPredicate.scoreHit) {
            if case let .scoreHit(combatStyle, count) = $0 { (combatStyle, count) } else { nil }
        },
        PredicateForm("FireAmmo", item, level, quantity, build: TaskPredicate.fireAmmo) {
            if case let .fireAmmo(item, level, quantity) = $0 { (item, level, quantity) } else { nil }
        },
        PredicateForm("FullyArmed", combatStyle, level, numAgent, build: TaskPredicate.fullyArmed) {
            if case let .fullyArmed(combatStyle, level, numAgent) = $0 { (combatStyle, level, numAgent) } else { nil }
        },
        PredicateForm("CountEvent", .integer("event", .event), count, build: TaskPredicate.countEvent) {
            if case let .countEvent(event, count) = $0 { (event, count) } else { nil }
        },
        // Items.
        PredicateForm("HarvestItem", item, level, quantity, build: TaskPredicate.harvestItem) {
            if case let .harvestItem(item, level, quantity) = $0 { (item, level, quantity) } else { nil }
        },
        PredicateForm("ConsumeItem", item, level, quantity, build: TaskPredicate.consumeItem) {
            if case let .consumeItem(item, level, quantity) = $0 { (item, level, quantity) } else { nil }
        },
        PredicateForm("EquipItem", item, level, numAgent, build: TaskPredicate.equipItem) {
            if case let .equipItem(item, level, numAgent) = $0 { (item, level, numAgent) } else { nil }
        },
        PredicateForm("OwnItem", item, level, quantity, build: TaskPredicate.ownItem) {
            if case let .ownItem(item, level, quantity) = $0 { (item, level, quantity) } else { nil }
        },
        PredicateForm("InventorySpaceGE", .integer("space", .space), build: TaskPredicate.inventorySpaceGE) {
            if case let .inventorySpaceGE(space) = $0 { space } else { nil }
        },
        // Gold and market.
        PredicateForm("HoardGold", amount, build: TaskPredicate.hoardGold) {
            if case let .hoardGold(amount) = $0 { amount } else { nil }
        },
        PredicateForm("EarnGold", amount, build: TaskPredicate.earnGold) {
            if case let .earnGold(amount) = $0 { amount } else { nil }
        },
        PredicateForm("SpendGold", amount, build: TaskPredicate.spendGold) {
            if case let .spendGold(amount) = $0 { amount } else { nil }
        },
        PredicateForm("MakeProfit", amount, build: TaskPredicate.makeProfit) {
            if case let .makeProfit(amount) = $0 { amount } else { nil }
        },
        PredicateForm("ListItem", item, level, quantity, build: TaskPredicate.listItem) {
            if case let .listItem(item, level, quantity) = $0 { (item, level, quantity) } else { nil }
        },
        PredicateForm("BuyItem", item, level, quantity, build: TaskPredicate.buyItem) {
            if case let .buyItem(item, level, quantity) = $0 { (item, level, quantity) } else { nil }
        },
    ]

    /// The entry named `name` (exactly, as in curriculum files), if any.
    static func form(named name: String) -> PredicateForm? {
        forms.first { $0.name == name }
    }

    /// The entry of a leaf predicate, with its position in `forms` and the predicate's argument
    /// values; nil for a combination (AND, OR, ...).
    static func entry(of predicate: TaskPredicate) -> (position: Int, form: PredicateForm, values: [ArgumentValue])? {
        for (position, form) in forms.enumerated() {
            if let values = form.decompose(predicate) { return (position, form, values) }
        }
        return nil
    }
}
