import MMOCore

/// Skill and combat predicates: AttainSkill, GainExperience, DefeatEntity, ScoreHit, FullyArmed,
/// CountEvent.
extension EvaluationContext {
    /// 1 when `level` <= 1, else the living members' levels above 1 in `skill`, summed, /
    /// (`numAgent` x (`level` - 1)).
    func attainSkill(_ skill: Int, _ level: Int, _ numAgent: Int) -> Float {
        guard level > 1 else { return 1 }
        guard skill >= 0, skill < Skill.count else { return 0 }
        var gained = 0
        for member in members where isAlive(member) { gained += Int(entities.skillLevel[member * Skill.count + skill]) - 1 }
        return PredicateEvaluator.ratio(gained, numAgent * (level - 1))
    }

    /// The living members' XP in `skill`, summed, / (`experience` x `numAgent`).
    func gainExperience(_ skill: Int, _ experience: Int, _ numAgent: Int) -> Float {
        guard skill >= 0, skill < Skill.count else { return 0 }
        var total = 0
        for member in members where isAlive(member) { total += Int(entities.experience[member * Skill.count + skill]) }
        return PredicateEvaluator.ratio(total, experience * numAgent)
    }

    /// Members' kills of `type` victims at combat level >= `level` / `numAgent`.
    func defeatEntity(_ type: AgentType, _ level: Int, _ numAgent: Int) -> Float {
        var total = 0
        for member in members where member < counters.players { total += counters.kills(slot: member, type: type, atLeast: level) }
        return PredicateEvaluator.ratio(total, numAgent)
    }

    /// Members' hits in `style` / `count`.
    func scoreHit(_ style: Int, _ count: Int) -> Float {
        guard let combatStyle = CombatStyle(rawValue: style) else { return 0 }
        var total = 0
        for member in members where member < counters.players { total += counters.hits(slot: member, style: combatStyle) }
        return PredicateEvaluator.ratio(total, count)
    }

    /// Members' events of dense event index `denseKind` (see `ProgressCounters.events`) / `count`.
    func countEvent(_ denseKind: Int, _ count: Int) -> Float {
        guard denseKind >= 0 else { return 0 }
        var total = 0
        for member in members where member < counters.players { total += counters.events(denseKind: denseKind, slot: member) }
        return PredicateEvaluator.ratio(total, count)
    }

    /// (living members with hat, top, bottom, the style's weapon and ammunition equipped at level >=
    /// `level`) / `numAgent`.
    func fullyArmed(_ style: Int, _ level: Int, _ numAgent: Int) -> Float {
        let weapon: ItemKind, ammunition: ItemKind
        switch CombatStyle(rawValue: style) {
        case .melee: (weapon, ammunition) = (.spear, .whetstone)
        case .range: (weapon, ammunition) = (.bow, .arrow)
        case .mage: (weapon, ammunition) = (.wand, .runes)
        case nil: return 0
        }
        var armed = 0
        for member in members where isAlive(member) {
            if hasEquipped(member, .hat, level) && hasEquipped(member, .top, level) && hasEquipped(member, .bottom, level)
                && hasEquipped(member, weapon, level) && hasEquipped(member, ammunition, level) {
                armed += 1
            }
        }
        return PredicateEvaluator.ratio(armed, numAgent)
    }

    /// Whether `player` has an item of `kind` at level >= `level` equipped.
    func hasEquipped(_ player: Int, _ kind: ItemKind, _ level: Int) -> Bool {
        guard let slot = kind.equipmentSlot, let row = inventory.equippedRow(player, slot) else { return false }
        return inventory.kind[row] == kind.rawValue && Int(inventory.level[row]) >= level
    }
}
