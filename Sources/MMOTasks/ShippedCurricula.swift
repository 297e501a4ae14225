import MMOCore

/// The curricula shipped in `curricula/` (written by `gridmmo tasks generate`), built
/// deterministically here so the files can be regenerated and checked:
///
/// - `train.json`: over 1,000 specs across every predicate, in the spirit of the NeurIPS 2023
///   competition's 1,297-spec manual curriculum (item, market and event tasks dominate);
/// - `eval_heldout.json`: 63 tasks in the competition's held-out scoring categories (survival 1,
///   combat 3, exploration 2, skill 8, item 44, market 5), none of whose predicates, nor any part of
///   them, occurs in training: they use argument values training never uses (levels 2, 4, 6 and 8,
///   quantities 2, 4 and 32, gold 25, TickGE 1024) and combinations training lacks;
/// - `eval_sample.json`: the competition's 24-task sample set (TickGE 1024, 14 CountEvent N=10,
///   AttainSkill level 10 for each of the 8 skills, EarnGold 50).
///
/// Coordinates assume the default 160x160 map (middle 80, playable rows and columns 16...144).
public enum ShippedCurricula {
    /// File name and curriculum of each shipped file.
    public static var files: [(name: String, curriculum: Curriculum)] {
        [("train.json", training), ("eval_heldout.json", heldOut), ("eval_sample.json", sample)]
    }

    /// The scoring categories, as tags.
    public static let categories = ScoringCategory.allCases.map(\.rawValue)

    private typealias Item = ItemKind

    /// The items a player can harvest (each resource's item and its rare drop).
    private static let harvestable: [Item] = [.ration, .potion, .whetstone, .arrow, .runes, .spear, .bow, .wand]
    /// The items a player can equip.
    private static let equippable = Item.allCases.filter { $0.category != .consumable }
    private static let ammunition: [Item] = [.whetstone, .arrow, .runes]
    private static let consumables: [Item] = [.ration, .potion]

    /// The category of a CountEvent task over `event`.
    private static func category(of event: EventKind) -> String {
        switch event {
        case .eatFood, .drinkWater, .agentCulled, .spawn, .death: return "survival"
        case .goFarthest, .seizeTile: return "exploration"
        case .scoreHit, .playerKill, .fireAmmo: return "combat"
        case .consumeItem, .giveItem, .destroyItem, .harvestItem, .equipItem, .lootItem: return "item"
        case .giveGold, .listItem, .earnGold, .buyItem, .lootGold: return "market"
        case .levelUp: return "skill"
        }
    }

    /// The reference events (no GridMMO-only codes, no AGENT_CULLED).
    private static let taskEvents = EventKind.allCases.filter { $0.rawValue < 91 }

    private static func event(_ kind: EventKind) -> String { kind.name.lowercased() }

    // MARK: training

    /// The training curriculum.
    public static var training: Curriculum {
        var specs: [TaskSpec] = []
        func add(_ name: String, _ predicate: TaskPredicate, _ tag: String, weight: Double = 1, team: Bool = false) {
            specs.append(TaskSpec(name: name, predicate: predicate, rewardTo: team ? .team : .agent, weight: weight, tags: [tag]))
        }
        let levels = [1, 3, 5, 7]
        let quantities = [1, 3, 5]
        // Items and market: own, list and buy every item (weighted down: there are many).
        for item in Item.allCases {
            for level in levels {
                for quantity in quantities {
                    add("own_\(item.name)_l\(level)_q\(quantity)", .ownItem(item: Int(item.rawValue), level: level, quantity: quantity), "item", weight: 0.5)
                    add("list_\(item.name)_l\(level)_q\(quantity)", .listItem(item: Int(item.rawValue), level: level, quantity: quantity), "market", weight: 0.5)
                    add("buy_\(item.name)_l\(level)_q\(quantity)", .buyItem(item: Int(item.rawValue), level: level, quantity: quantity), "market", weight: 0.5)
                }
            }
        }
        for kind in taskEvents {
            for count in [1, 5, 10, 20, 50, 100] {
                add("event_\(event(kind))_\(count)", .countEvent(event: Int(kind.rawValue), count: count), category(of: kind))
            }
        }
        for item in equippable {
            for level in [1, 3, 5, 7, 10] {
                add("equip_\(item.name)_l\(level)", .equipItem(item: Int(item.rawValue), level: level, numAgent: 1), "item")
            }
            for level in [1, 3] {
                add("team_equip_\(item.name)_l\(level)_x4", .equipItem(item: Int(item.rawValue), level: level, numAgent: 4), "item", team: true)
            }
        }
        for item in harvestable {
            for level in levels {
                for quantity in [1, 3, 5, 10] {
                    add("harvest_\(item.name)_l\(level)_q\(quantity)", .harvestItem(item: Int(item.rawValue), level: level, quantity: quantity), "item")
                }
            }
        }
        for item in consumables {
            for level in levels {
                for quantity in [1, 3, 5, 10] {
                    add("consume_\(item.name)_l\(level)_q\(quantity)", .consumeItem(item: Int(item.rawValue), level: level, quantity: quantity), "item")
                }
            }
        }
        for item in ammunition {
            for level in [1, 3, 5] {
                for quantity in [1, 5, 10] {
                    add("fire_\(item.name)_l\(level)_q\(quantity)", .fireAmmo(item: Int(item.rawValue), level: level, quantity: quantity), "combat")
                }
            }
        }
        for skill in Skill.allCases {
            for level in [2, 3, 5, 7, 9, 10] {
                add("attain_\(skill.name)_l\(level)", .attainSkill(skill: skill.rawValue, level: level, numAgent: 1), "skill")
            }
            add("team_attain_\(skill.name)_l3_x4", .attainSkill(skill: skill.rawValue, level: 3, numAgent: 4), "skill", team: true)
            for experience in [100, 300, 1000] {
                add("experience_\(skill.name)_\(experience)", .gainExperience(skill: skill.rawValue, experience: experience, numAgent: 1), "skill")
            }
        }
        for style in CombatStyle.allCases {
            for count in [1, 3, 5, 10, 20, 30, 50, 70, 100, 150, 200] {
                add("hit_\(style.skill.name)_\(count)", .scoreHit(combatStyle: style.rawValue, count: count), "combat")
            }
            for level in levels {
                add("armed_\(style.skill.name)_l\(level)", .fullyArmed(combatStyle: style.rawValue, level: level, numAgent: 1), "item")
            }
            add("team_armed_\(style.skill.name)_l1_x4", .fullyArmed(combatStyle: style.rawValue, level: 1, numAgent: 4), "item", team: true)
        }
        for type in [AgentType.player, .npc] {
            for level in [1, 3, 5, 7, 10] {
                for count in [1, 5] {
                    add("defeat_\(type == .npc ? "npc" : "player")_l\(level)_x\(count)", .defeatEntity(agentType: type, level: level, numAgent: count), "combat")
                }
            }
        }
        for space in 1...12 {
            add("inventory_space_\(space)", .inventorySpaceGE(space: space), "item")
        }
        let golds = [1, 2, 3, 5, 10, 15, 20, 30, 40, 50, 100]
        for amount in golds {
            add("hoard_gold_\(amount)", .hoardGold(amount: amount), "market")
            add("earn_gold_\(amount)", .earnGold(amount: amount), "market")
            add("spend_gold_\(amount)", .spendGold(amount: amount), "market")
            add("make_profit_\(amount)", .makeProfit(amount: amount), "market")
        }
        // Survival and exploration.
        for material in Material.allCases where material != .void {
            add("see_\(material.name)", .canSeeTile(tileType: Int(material.rawValue)), "exploration")
        }
        for ticks in [8, 16, 32, 64, 128, 256, 512] {
            add("survive_\(ticks)", .tickGE(numTick: ticks), "survival")
        }
        add("stay_alive", .stayAlive, "survival")
        add("success", .success, "survival", weight: 0.1)
        add("team_not_all_dead", .not(.allDead), "survival", team: true)
        add("protect_leader", .protectLeader(targetProtect: 0, targetDestroy: [8, 16]), "survival", team: true)
        add("others_alive", .checkAgentStatus(targets: [1, 2, 3], status: .alive), "survival", team: true)
        add("rivals_dead", .checkAgentStatus(targets: [8, 9, 10], status: .dead), "combat", team: true)
        for distance in [2, 4, 8] {
            add("team_within_\(distance)", .allMembersWithinRange(distance: distance), "survival", team: true)
        }
        add("see_agent_1", .canSeeAgent(target: 1), "exploration")
        add("see_agent_64", .canSeeAgent(target: 64), "exploration")
        add("see_group_1_2", .canSeeGroup(targets: [1, 2]), "exploration")
        add("see_group_8_15", .canSeeGroup(targets: Array(8...15)), "exploration")
        for distance in [4, 8, 16, 32, 64, 128] {
            add("travel_\(distance)", .distanceTraveled(distance: distance), "exploration")
        }
        add("toward_center", .progressTowardCenter, "exploration")
        for (row, col) in [(80, 80), (48, 48), (48, 112), (112, 48), (112, 112), (30, 80), (80, 30), (130, 80), (80, 130)] {
            add("occupy_\(row)_\(col)", .occupyTile(row: row, col: col), "exploration")
        }
        for ticks in [10, 50, 100] {
            add("seize_center_\(ticks)", .seizeCenter(numTicks: ticks), "exploration", team: true)
        }
        for quadrant in [Quadrant.first, .second, .third, .fourth] {
            for ticks in [10, 50] {
                add("seize_quadrant_\(quadrant.rawValue)_\(ticks)", .seizeQuadCenter(numTicks: ticks, quadrant: quadrant), "exploration", team: true)
            }
        }
        for (row, col) in [(60, 60), (60, 100), (100, 60), (100, 100)] {
            add("seize_tile_\(row)_\(col)", .seizeTile(row: row, col: col, numTicks: 20), "exploration", team: true)
        }
        // Combinations.
        for item in consumables {
            for level in [1, 3] {
                let id = Int(item.rawValue)
                add("harvest_and_consume_\(item.name)_l\(level)", .and([.harvestItem(item: id, level: level, quantity: 3), .consumeItem(item: id, level: level, quantity: 3)]), "item")
                add("harvest_and_sell_\(item.name)_l\(level)", .and([.harvestItem(item: id, level: level, quantity: 3), .listItem(item: id, level: level, quantity: 1)]), "market")
            }
        }
        for style in CombatStyle.allCases {
            add("armed_and_hit_\(style.skill.name)", .and([.fullyArmed(combatStyle: style.rawValue, level: 1, numAgent: 1), .scoreHit(combatStyle: style.rawValue, count: 10)]), "combat")
            add("hit_then_kill_\(style.skill.name)", .mul(.scoreHit(combatStyle: style.rawValue, count: 5), .countEvent(event: Int(EventKind.playerKill.rawValue), count: 1)), "combat")
        }
        for (index, skill) in Skill.allCases.enumerated() {
            let other = Skill.allCases[(index + 3) % Skill.count]
            add("attain_\(skill.name)_or_\(other.name)_l5", .or([.attainSkill(skill: skill.rawValue, level: 5, numAgent: 1), .attainSkill(skill: other.rawValue, level: 5, numAgent: 1)]), "skill")
        }
        for item in harvestable {
            let id = Int(item.rawValue)
            add("harvest_or_buy_\(item.name)_l1", .or([.harvestItem(item: id, level: 1, quantity: 5), .buyItem(item: id, level: 1, quantity: 1)]), "item")
        }
        for ticks in [128, 512] {
            add("survive_and_eat_\(ticks)", .and([.tickGE(numTick: ticks), .countEvent(event: Int(EventKind.eatFood.rawValue), count: 10)]), "survival")
            add("survive_without_combat_\(ticks)", .sub(.tickGE(numTick: ticks), .countEvent(event: Int(EventKind.scoreHit.rawValue), count: 1)), "survival")
        }
        add("explore_and_see_water", .add(.distanceTraveled(distance: 32), .canSeeTile(tileType: Int(Material.water.rawValue))), "exploration")
        add("profit_not_broke", .and([.makeProfit(amount: 10), .not(.inventorySpaceGE(space: 12))]), "market")
        add("earn_and_hoard_20", .and([.earnGold(amount: 20), .hoardGold(amount: 20)]), "market")
        return Curriculum(specs: specs)
    }

    // MARK: evaluation

    /// The held-out evaluation set: 63 tasks, none seen in training.
    public static var heldOut: Curriculum {
        var specs: [TaskSpec] = []
        func add(_ name: String, _ predicate: TaskPredicate, _ tag: String) {
            specs.append(TaskSpec(name: name, predicate: predicate, tags: [tag]))
        }
        add("survive_1024", .tickGE(numTick: 1024), "survival")
        add("event_player_kill_2", .countEvent(event: Int(EventKind.playerKill.rawValue), count: 2), "combat")
        add("defeat_npc_l2", .defeatEntity(agentType: .npc, level: 2, numAgent: 1), "combat")
        add("defeat_player_l2", .defeatEntity(agentType: .player, level: 2, numAgent: 1), "combat")
        add("event_go_farthest_32", .countEvent(event: Int(EventKind.goFarthest.rawValue), count: 32), "exploration")
        add("occupy_64_96", .occupyTile(row: 64, col: 96), "exploration")
        for (index, skill) in Skill.allCases.enumerated() {
            let level = index % 2 == 0 ? 6 : 8
            add("attain_\(skill.name)_l\(level)", .attainSkill(skill: skill.rawValue, level: level, numAgent: 1), "skill")
        }
        // Item: 16 harvest, 6 consume, 14 equip, 6 fully armed, 2 combinations = 44.
        for item in harvestable {
            for (level, quantity) in [(2, 2), (4, 4)] {
                add("harvest_\(item.name)_l\(level)_q\(quantity)", .harvestItem(item: Int(item.rawValue), level: level, quantity: quantity), "item")
            }
        }
        for item in consumables {
            for level in [2, 4, 6] {
                add("consume_\(item.name)_l\(level)_q2", .consumeItem(item: Int(item.rawValue), level: level, quantity: 2), "item")
            }
        }
        for (index, item) in equippable.enumerated() {
            let level = index % 2 == 0 ? 2 : 4
            add("equip_\(item.name)_l\(level)", .equipItem(item: Int(item.rawValue), level: level, numAgent: 1), "item")
        }
        for style in CombatStyle.allCases {
            for level in [2, 4] {
                add("armed_\(style.skill.name)_l\(level)", .fullyArmed(combatStyle: style.rawValue, level: level, numAgent: 1), "item")
            }
        }
        add("harvest_and_equip_spear_l2", .and([.harvestItem(item: Int(Item.spear.rawValue), level: 2, quantity: 1), .equipItem(item: Int(Item.spear.rawValue), level: 2, numAgent: 1)]), "item")
        add("harvest_or_consume_potion_l4", .or([.harvestItem(item: Int(Item.potion.rawValue), level: 4, quantity: 2), .consumeItem(item: Int(Item.potion.rawValue), level: 4, quantity: 4)]), "item")
        add("event_earn_gold_2", .countEvent(event: Int(EventKind.earnGold.rawValue), count: 2), "market")
        add("event_buy_item_2", .countEvent(event: Int(EventKind.buyItem.rawValue), count: 2), "market")
        add("earn_gold_25", .earnGold(amount: 25), "market")
        add("hoard_gold_25", .hoardGold(amount: 25), "market")
        add("make_profit_25", .makeProfit(amount: 25), "market")
        return Curriculum(specs: specs)
    }

    /// The 14 event kinds of the sample set's CountEvent tasks.
    private static let sampleEvents: [EventKind] = [
        .eatFood, .drinkWater, .goFarthest, .scoreHit, .playerKill, .fireAmmo, .consumeItem,
        .harvestItem, .equipItem, .lootItem, .listItem, .earnGold, .buyItem, .levelUp,
    ]

    /// The competition's 24-task sample evaluation set.
    public static var sample: Curriculum {
        var specs = [TaskSpec(name: "survive_1024", predicate: .tickGE(numTick: 1024), tags: ["survival"])]
        for kind in sampleEvents {
            specs.append(TaskSpec(name: "event_\(event(kind))_10", predicate: .countEvent(event: Int(kind.rawValue), count: 10), tags: [category(of: kind)]))
        }
        for skill in Skill.allCases {
            specs.append(TaskSpec(name: "attain_\(skill.name)_l10", predicate: .attainSkill(skill: skill.rawValue, level: 10, numAgent: 1), tags: ["skill"]))
        }
        specs.append(TaskSpec(name: "earn_gold_50", predicate: .earnGold(amount: 50), tags: ["market"]))
        return Curriculum(specs: specs)
    }
}
