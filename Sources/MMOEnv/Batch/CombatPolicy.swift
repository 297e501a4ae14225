import MMOCore

/// A scripted combat and gathering baseline. Each living agent, every tick:
///
/// - **Moves**, by the first rule that gives a step: (1) survive: food or water below
///   `foodThreshold` sends it to Water or Foilage exactly as `ForagerPolicy` does, and otherwise
///   it walks away from the nearest enemy player within one tile beyond attack reach (attacks are
///   forced while a target is in reach, so crowds of players are what kills most); (2) fight: not
///   hungry or thirsty and with health at least `healthHigh`, it walks towards its attack target if
///   that is worth fighting, else towards the nearest entity worth fighting: a passive NPC, or
///   another NPC of at most its combat level (players are not sought); (3) gather: not hungry or
///   thirsty and with a free inventory slot, it walks to the nearest Ore, Tree, Crystal or Herb
///   (to stand on it) or Fish (to stand next to it); (4) otherwise a uniformly random legal move.
///   Steps are the forager's greedy steps (`ScriptedMoves`).
/// - **Attacks** whenever the mask offers a target (which is also when "none" is illegal): the
///   target with least health, NPCs that are not hostile first (passive, then neutral) when its own
///   health is below `healthLow`, teammates last; ties go to less level, then the nearer row. The
///   style is the one with the best offense (the `self` offense columns plus equipped matching
///   ammunition); ties go to the style with most experience, then melee, range, mage.
/// - **Uses** an item when the `use` mask allows something useful: a Potion when health is below
///   `healthLow`, a Ration when food or water is below `foodThreshold`; else it equips an item
///   better than what its equipment slot holds (armour: more defense; held: a weapon with more
///   attack over any tool, a tool of higher level over a lower one; ammunition: more attack, that
///   of its best style first); else, with a full inventory, it eats a Ration or Potion to make room.
///   It never unequips.
/// - **Destroys**, with a full inventory and nothing to use, the unequipped armour, held item or
///   ammunition worth least that is no better than what its slot holds, so harvesting can go on.
/// - Every other head gets its "nothing".
///
/// Reads only the observation and masks, like a learned policy would; random moves come from one
/// stream per environment (seeded as `RandomPolicy` seeds them) drawn in agent order, so actions do
/// not depend on thread count or batch size. Allocates nothing per tick.
public final class CombatPolicy: BatchPolicy, @unchecked Sendable {
    /// Food or water below this sends the agent foraging (and lets it eat a Ration).
    public let foodThreshold: Int16
    /// Health at or above this lets the agent seek fights.
    public let healthHigh: Int16
    /// Health below this makes it drink Potions and prefer targets that are not hostile.
    public let healthLow: Int16

    private let agentsPerEnv: Int
    private var rngs: [Rng]
    /// The "nothing" option of every head, in head order.
    private let nothing: [Int32]
    private let bytesPerAgent: Int, maskWidth: Int, headCount: Int
    private let selfOffset: Int, skillsOffset: Int, tilesOffset: Int, entitiesOffset: Int, inventoryOffset: Int, equipmentOffset: Int
    private let side: Int, entityRows: Int, entityWidth: Int, skillWidth: Int, inventorySlots: Int, inventoryWidth: Int
    private let moveMask: Int, attackTargetMask: Int, useMask: Int, destroyMask: Int
    private let resources = ScriptedMoves.set(.ore, .tree, .crystal, .herb, .fish)
    /// Enemy players this near (L-inf) are walked away from: one tile beyond attack reach.
    private let keepAway: Int

    public init(env: VecEnv, seed: UInt64, foodThreshold: Int16 = 60, healthHigh: Int16 = 70, healthLow: Int16 = 40) {
        self.foodThreshold = foodThreshold
        self.healthHigh = healthHigh
        self.healthLow = healthLow
        agentsPerEnv = env.agentsPerEnv
        keepAway = env.config.combat.reach + 1
        rngs = (0..<env.environmentCount).map { Rng(seed: seed &+ UInt64($0), stream: .policy) }
        let layout = env.observationLayout, actions = env.actionLayout
        nothing = actions.heads.map(\.nothing)
        bytesPerAgent = layout.bytesPerAgent
        maskWidth = actions.maskWidth
        headCount = actions.headCount
        func segment(_ name: String) -> ObservationSegment { layout.segment(named: name)! }
        selfOffset = segment("self").offset
        skillsOffset = segment("skills").offset
        tilesOffset = segment("tiles").offset
        entitiesOffset = segment("entities").offset
        inventoryOffset = segment("inventory").offset
        equipmentOffset = segment("equipment").offset
        side = segment("tiles").shape[0]
        entityRows = segment("entities").shape[0]
        entityWidth = segment("entities").shape[1]
        skillWidth = segment("skills").shape[1]
        inventorySlots = segment("inventory").shape[0]
        inventoryWidth = segment("inventory").shape[1]
        moveMask = actions[.move].maskOffset
        attackTargetMask = actions[.attackTarget].maskOffset
        useMask = actions[.use].maskOffset
        destroyMask = actions[.destroy].maskOffset
        precondition(actions[.attackTarget].size == entityRows + 1 && actions[.use].size == inventorySlots + 1, "head sizes follow the observation")
    }

    public func act(env: VecEnv, buffers: StepBuffers, actions: UnsafeMutableBufferPointer<Int32>) {
        let observations = UnsafeRawPointer(buffers.observations.baseAddress!)
        let masks = UnsafePointer(buffers.masks.baseAddress!)
        let actionRows = actions.baseAddress!
        nothing.withUnsafeBufferPointer { nothing in
            rngs.withUnsafeMutableBufferPointer { streams in
                let streamsBase = streams.baseAddress!
                env.forEachChunk { [self] range in
                    for environment in range {
                        var rng = streamsBase[environment]
                        for agent in environment * agentsPerEnv..<(environment + 1) * agentsPerEnv {
                            let row = actionRows + agent * headCount
                            row.update(from: nothing.baseAddress!, count: headCount)
                            decide(record: observations + agent * bytesPerAgent, mask: masks + agent * maskWidth, actions: row, rng: &rng)
                        }
                        streamsBase[environment] = rng
                    }
                }
            }
        }
    }

    /// Fills one living agent's move, attack, use and destroy choices (the row holds "nothing"s).
    @inline(__always)
    private func decide(record: UnsafeRawPointer, mask: UnsafePointer<UInt8>, actions: UnsafeMutablePointer<Int32>, rng: inout Rng) {
        let me = (record + selfOffset).assumingMemoryBound(to: Int16.self)
        guard me[SelfColumn.alive.rawValue] != 0 else { return }
        let health = me[SelfColumn.health.rawValue], food = me[SelfColumn.food.rawValue], water = me[SelfColumn.water.rawValue]
        let skills = (record + skillsOffset).assumingMemoryBound(to: Int16.self)
        let entities = (record + entitiesOffset).assumingMemoryBound(to: Int16.self)
        let inventory = (record + inventoryOffset).assumingMemoryBound(to: Int16.self)
        let equipment = (record + equipmentOffset).assumingMemoryBound(to: Int16.self)
        let tiles = (record + tilesOffset).assumingMemoryBound(to: UInt8.self)

        // The best style: offense plus equipped ammunition of that style; ties to experience.
        let ammunitionSlot = Int(equipment[EquipmentSlot.ammunition.rawValue])
        var style = 0, bestOffense = Int.min, bestExperience = Int.min
        var combatLevel: Int16 = 1
        for candidate in 0..<CombatStyle.count {
            var offense = Int(me[SelfColumn.meleeOffense.rawValue + candidate])
            if ammunitionSlot >= 0 && ammunitionSlot < inventorySlots {
                offense += Int(inventory[ammunitionSlot * inventoryWidth + InventoryColumn.meleeAttack.rawValue + candidate])
            }
            let experience = Int(skills[candidate * skillWidth + SkillColumn.experience.rawValue])
            combatLevel = max(combatLevel, skills[candidate * skillWidth + SkillColumn.level.rawValue])
            if offense > bestOffense || (offense == bestOffense && experience > bestExperience) {
                style = candidate
                bestOffense = offense
                bestExperience = experience
            }
        }

        // Attack: the mask's "none" is legal exactly when no row is.
        let attackMask = mask + attackTargetMask
        var target = -1
        if attackMask[entityRows] == 0 {
            var bestKey = Int.max
            for row in 0..<entityRows where attackMask[row] != 0 {
                let entity = entities + row * entityWidth
                let kind = entity[EntityColumn.kind.rawValue]
                var group = 0
                if entity[EntityColumn.sameTeam.rawValue] != 0 {
                    group = 3
                } else if health < healthLow {
                    group = kind == 2 ? 0 : kind == 3 ? 1 : 2
                }
                let key = group << 32 | Int(UInt16(bitPattern: entity[EntityColumn.health.rawValue])) << 16 | Int(UInt16(bitPattern: entity[EntityColumn.level.rawValue]))
                if key < bestKey {
                    bestKey = key
                    target = row
                }
            }
            if target >= 0 {
                actions[ActionHeadKind.attackStyle.rawValue] = Int32(style)
                actions[ActionHeadKind.attackTarget.rawValue] = Int32(target)
            }
        }

        // Move.
        let moves = mask + moveMask
        var freeSlot = false
        for slot in 0..<inventorySlots where inventory[slot * inventoryWidth + InventoryColumn.kind.rawValue] == 0 {
            freeSlot = true
            break
        }
        var move = ScriptedMoves.forageStep(food: food, water: water, threshold: foodThreshold, tiles: tiles, side: side, mask: moves)
        if move == nil {
            // Keep out of reach of enemy players: the crowd's forced attacks are what kills most.
            for row in 0..<entityRows {
                let entity = entities + row * entityWidth
                if entity[EntityColumn.id.rawValue] == 0 { break }
                let dRow = Int(entity[EntityColumn.dRow.rawValue]), dCol = Int(entity[EntityColumn.dCol.rawValue])
                if max(abs(dRow), abs(dCol)) > keepAway { break }
                if entity[EntityColumn.kind.rawValue] == 1 && entity[EntityColumn.sameTeam.rawValue] == 0 {
                    move = ScriptedMoves.stepAway(from: (dRow, dCol), mask: moves)
                    break
                }
            }
        }
        // Hungry or thirsty with nothing in sight: wander (below) rather than stand on a resource.
        let searching = min(food, water) < foodThreshold
        if move == nil && !searching && health >= healthHigh {
            var goal = -1
            if target >= 0 && worthFighting(entities + target * entityWidth, combatLevel: combatLevel) {
                goal = target
            } else {
                for row in 0..<entityRows {
                    let entity = entities + row * entityWidth
                    if entity[EntityColumn.id.rawValue] == 0 { break }
                    if worthFighting(entity, combatLevel: combatLevel) {
                        goal = row
                        break
                    }
                }
            }
            if goal >= 0 {
                let entity = entities + goal * entityWidth
                move = ScriptedMoves.greedyStep(toward: (Int(entity[EntityColumn.dRow.rawValue]), Int(entity[EntityColumn.dCol.rawValue])), stopAt: 1, mask: moves)
            }
        }
        if move == nil && !searching && freeSlot, let goal = ScriptedMoves.nearest(resources, in: tiles, side: side) {
            move = ScriptedMoves.greedyStep(toward: (goal.row, goal.col), stopAt: goal.material == Material.fish.rawValue ? 1 : 0, mask: moves)
        }
        actions[ActionHeadKind.move.rawValue] = Int32(move?.rawValue ?? UInt8(RandomPolicy.pick(moves, count: Direction.count, rng: &rng)))

        // Use and destroy (their masks are empty in combat).
        let use = mask + useMask
        var consume = -1, spare = -1, equip = -1
        var junk = -1, junkValue = Int.max
        for slot in 0..<inventorySlots {
            let item = inventory + slot * inventoryWidth
            let kind = Int(item[InventoryColumn.kind.rawValue])
            guard kind != 0, item[InventoryColumn.equipped.rawValue] == 0 else { continue }
            let usable = use[slot] != 0
            if kind == Int(ItemKind.ration.rawValue) || kind == Int(ItemKind.potion.rawValue) {
                guard usable else { continue }
                let needed = kind == Int(ItemKind.ration.rawValue) ? min(food, water) < foodThreshold : health < healthLow
                if needed && consume < 0 { consume = slot }
                if spare < 0 { spare = slot }
                continue
            }
            guard let equipmentSlot = Self.equipmentSlot(kind) else { continue }
            let value = itemValue(item, kind: kind, bestStyle: style)
            let held = Int(equipment[equipmentSlot])
            let heldValue = held >= 0 && held < inventorySlots ? itemValue(inventory + held * inventoryWidth, kind: Int(inventory[held * inventoryWidth + InventoryColumn.kind.rawValue]), bestStyle: style) : -1
            if value > heldValue {
                if usable && equip < 0 { equip = slot }
            } else if value < junkValue && (mask + destroyMask)[slot] != 0 {
                junk = slot
                junkValue = value
            }
        }
        let choice = consume >= 0 ? consume : equip >= 0 ? equip : !freeSlot ? spare : -1
        if choice >= 0 {
            actions[ActionHeadKind.use.rawValue] = Int32(choice)
        } else if !freeSlot && junk >= 0 {
            actions[ActionHeadKind.destroy.rawValue] = Int32(junk)
        }
    }

    /// Whether to walk towards an entity row when healthy: a passive NPC (it never hits back) or
    /// another NPC of at most the agent's combat level, not on its team nor spawn-immune.
    @inline(__always)
    private func worthFighting(_ entity: UnsafePointer<Int16>, combatLevel: Int16) -> Bool {
        guard entity[EntityColumn.sameTeam.rawValue] == 0, entity[EntityColumn.spawnImmune.rawValue] == 0 else { return false }
        let level = entity[EntityColumn.level.rawValue]
        switch entity[EntityColumn.kind.rawValue] {
        case 2: return true
        case 3, 4: return level <= combatLevel
        default: return false
        }
    }

    /// The equipment slot an item kind goes into, or nil (consumables, unknown kinds).
    @inline(__always)
    private static func equipmentSlot(_ kind: Int) -> Int? {
        guard let item = ItemKind(rawValue: UInt8(truncatingIfNeeded: kind)) else { return nil }
        return item.equipmentSlot?.rawValue
    }

    /// How much the agent wants an item in its equipment slot: armour by defense; held items a
    /// weapon by attack above any tool, tools by level; ammunition by attack, the best style's first.
    @inline(__always)
    private func itemValue(_ item: UnsafePointer<Int16>, kind: Int, bestStyle: Int) -> Int {
        guard let category = ItemKind(rawValue: UInt8(truncatingIfNeeded: kind))?.category else { return -1 }
        let attack = InventoryColumn.meleeAttack.rawValue, defense = InventoryColumn.meleeDefense.rawValue
        switch category {
        case .armour:
            return Int(item[defense]) + Int(item[defense + 1]) + Int(item[defense + 2])
        case .weapon:
            return 1000 + Int(max(item[attack], item[attack + 1], item[attack + 2]))
        case .tool:
            return Int(item[InventoryColumn.level.rawValue])
        case .ammunition:
            return Int(item[attack + bestStyle]) * 1000 + Int(max(item[attack], item[attack + 1], item[attack + 2]))
        case .consumable:
            return -1
        }
    }
}
