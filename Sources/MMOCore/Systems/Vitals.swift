/// Health, food and water.
///
/// `players`, per living player: regenerate while food and water both exceed the threshold, take
/// starvation and dehydration damage while either is empty (scaled down for resilient players),
/// then lose food and water to decay. Damage is checked before decay, which is why an idle default
/// player dies at exactly tick 25 (food runs out at tick 20, then 20 HP a tick). It runs before the
/// tick's actions, so a hit is never offset by the same tick's regeneration and a Ration's restore
/// is not decayed in the tick it is eaten. A player already at 0 health (fog earlier in the tick)
/// does not regenerate: it dies this tick.
///
/// `npcs`: NPCs (which do not eat) regenerate `npcs.regen` health per tick.
enum Vitals {
    static func players(in world: World) {
        let rules = world.config.vitals
        let entities = world.entities
        // The rules as Int32, converted once rather than per player.
        let threshold = Int32(rules.regenThreshold), regen = Int32(rules.regen), maxHealth = Int32(rules.maxHealth)
        let starvation = Int32(rules.starvationDamage), dehydration = Int32(rules.dehydrationDamage)
        let resilientPercent = Int32(rules.resilientDamagePercent)
        let foodDecay = Int32(rules.foodDecay), waterDecay = Int32(rules.waterDecay)
        for slot in 0..<entities.playerCount where entities.alive[slot] != 0 {
            let food = entities.food[slot]
            let water = entities.water[slot]
            var health = entities.health[slot]
            if health > 0 && food > threshold && water > threshold {
                health = min(health + regen, maxHealth)
            }
            var damage: Int32 = 0
            if food == 0 { damage += starvation }
            if water == 0 { damage += dehydration }
            if entities.resilient[slot] != 0 { damage = damage * resilientPercent / 100 }
            if damage > 0 { entities.lastHarm[slot] = DeathCause.starvation.rawValue }
            entities.health[slot] = max(health - damage, 0)
            entities.food[slot] = max(food - foodDecay, 0)
            entities.water[slot] = max(water - waterDecay, 0)
        }
    }

    static func npcs(in world: World) {
        let entities = world.entities
        let npcRegen = Int32(world.config.npcs.regen)
        let npcHealth = Int32(world.config.npcs.maxHealth)
        for slot in entities.playerCount..<entities.capacity where entities.alive[slot] != 0 && entities.health[slot] < npcHealth {
            entities.health[slot] = min(entities.health[slot] + npcRegen, npcHealth)
        }
    }
}
