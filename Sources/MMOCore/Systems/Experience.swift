/// Skill experience: adds XP to a player's skill, recomputes its level from the reference
/// thresholds and logs LEVEL_UP (type = skill, level = new level) when it rises. NPCs do not level.
enum Experience {
    static func gain(_ world: World, slot: Int, skill: Skill, amount: Int) {
        let entities = world.entities
        guard !entities.isNPC(slot), amount > 0 else { return }
        let index = slot * Skill.count + skill.rawValue
        entities.experience[index] += Int32(amount)
        let level = world.config.progression.level(forExperience: entities.experience[index])
        if level > entities.skillLevel[index] {
            entities.skillLevel[index] = level
            world.record(.levelUp, slot: slot, type: Int16(skill.rawValue), level: Int16(level))
        }
    }
}
