/// Attacks, in slot order (players, then NPCs). An attack needs `World.canAttack`. Damage follows
/// the config's formula: 2.1, `int(max(mult x offense - defense, minimum% x offense))`, or 2.0,
/// `int(mult x offense x 15 / (15 + defense))`, where mult is the style bonus when the attacker's
/// style beats the defender's main style (Mage > Melee > Range > Mage).
///
/// A player's offense is `baseOffense + offensePerLevel x style level` plus the attack of its held
/// weapon and equipped ammunition for that style; its defense is `defensePerLevel x highest skill
/// level` plus its armour's and held tool's defense. An NPC's offense and defense were fixed at
/// spawn. Matching ammunition loses one per attack (FIRE_AMMO). Both sides enter combat status; the
/// attacker gains `hitExperience` in the style (SCORE_HIT: type = style, number = damage,
/// target = slot). Health may reach 0; deaths are resolved at the end of the tick.
enum Combat {
    static func run(in world: World) {
        let entities = world.entities
        let intents = world.intents
        for attacker in 0..<entities.capacity where entities.alive[attacker] != 0 {
            let target = Int(intents.attackTarget[attacker])
            guard target >= 0, target < entities.capacity, let style = CombatStyle(rawValue: Int(intents.attackStyle[attacker])) else { continue }
            guard world.canAttack(attacker, target) else { continue }
            attack(world, attacker: attacker, target: target, style: style)
        }
    }

    /// Resolves one attack (the caller has checked that it is allowed).
    static func attack(_ world: World, attacker: Int, target: Int, style: CombatStyle) {
        let entities = world.entities
        let rules = world.config.combat
        var offense = entities.isNPC(attacker) ? entities.npcOffense[attacker] : playerOffense(world, attacker, style)
        if !entities.isNPC(attacker), let ammunition = world.inventory.equippedRow(attacker, .ammunition),
           world.inventory.item(at: ammunition)?.style == style {
            offense += stats(world, ammunition).attack(style)
            spendAmmunition(world, slot: attacker, row: ammunition)
        }
        let defense = entities.isNPC(target) ? entities.npcDefense[target] : playerDefense(world, target, style)
        let bonus = entities.mainStyle(target).map { style.beats == $0 } ?? false
        let multiplier = bonus ? Double(rules.styleBonusPercent) / 100 : 1
        let damage: Int32
        if rules.damageFormula == 20 {
            damage = Int32(multiplier * Double(offense) * 15 / (15 + Double(defense)))
        } else {
            damage = Int32(max(multiplier * Double(offense) - Double(defense), Double(rules.minimumDamagePercent) / 100 * Double(offense)))
        }

        entities.health[target] = max(entities.health[target] - damage, 0)
        entities.damageTaken[target] += damage
        entities.lastAttacker[target] = Int32(attacker)
        entities.lastHarm[target] = DeathCause.combat.rawValue
        entities.lastCombatTick[target] = Int32(world.tick)
        entities.lastCombatTick[attacker] = Int32(world.tick)
        world.record(.scoreHit, slot: attacker, type: Int16(style.rawValue), level: Int16(entities.combatLevel(target)), number: damage, target: Int32(target))
        Experience.gain(world, slot: attacker, skill: style.skill, amount: world.config.progression.hitExperience)
    }

    /// Base offense plus style level plus the held weapon's attack in `style`.
    static func playerOffense(_ world: World, _ slot: Int, _ style: CombatStyle) -> Int32 {
        let rules = world.config.combat
        var offense = Int32(rules.baseOffense) + Int32(rules.offensePerLevel) * world.entities.level(slot, style.skill)
        if let held = world.inventory.equippedRow(slot, .held) { offense += stats(world, held).attack(style) }
        return offense
    }

    /// Highest skill level times `defensePerLevel`, plus the defense of armour and held item.
    static func playerDefense(_ world: World, _ slot: Int, _ style: CombatStyle) -> Int32 {
        var defense = Int32(world.config.combat.defensePerLevel) * world.entities.highestLevel(slot)
        // Hat, top, bottom and held item (everything but ammunition) defend.
        for equipmentSlot in EquipmentSlot.hat.rawValue...EquipmentSlot.held.rawValue {
            if let row = world.inventory.equippedRow(slot, EquipmentSlot(rawValue: equipmentSlot)!) { defense += stats(world, row).defense(style) }
        }
        return defense
    }

    /// The stats of the item in an inventory row.
    @inline(__always)
    static func stats(_ world: World, _ row: Int) -> ItemStats {
        ItemStats(kind: world.inventory.item(at: row)!, level: world.inventory.level[row], rules: world.config.items)
    }

    private static func spendAmmunition(_ world: World, slot: Int, row: Int) {
        let inventory = world.inventory
        world.record(.fireAmmo, slot: slot, type: Int16(inventory.kind[row]), level: Int16(inventory.level[row]), number: 1)
        inventory.quantity[row] -= 1
        if inventory.quantity[row] <= 0 { inventory.remove(at: row) }
    }
}
