/// Health, food and water, per living player: regenerate while food and water both exceed the
/// threshold, take starvation and dehydration damage while either is empty (scaled down for
/// resilient players), then lose food and water to decay. Damage is checked before decay, which is
/// why an idle default player dies at exactly tick 25 (food runs out at tick 20, then 20 HP a tick).
/// A player already at 0 health (hit earlier in the tick) does not regenerate: it dies this tick.
/// NPCs (which do not eat) regenerate `npcs.regen` health per tick, unless already at 0.
enum Vitals {
    static func run(in world: World) {
        let rules = world.config.vitals
        let entities = world.entities
        for slot in 0..<entities.playerCount where entities.alive[slot] != 0 {
            let food = entities.food[slot]
            let water = entities.water[slot]
            var health = entities.health[slot]
            // A player brought to 0 earlier in the tick (combat) is dying: no regeneration.
            if health > 0 && food > rules.regenThreshold && water > rules.regenThreshold {
                health = min(health + Int32(rules.regen), Int32(rules.maxHealth))
            }
            var damage: Int32 = 0
            if food == 0 { damage += Int32(rules.starvationDamage) }
            if water == 0 { damage += Int32(rules.dehydrationDamage) }
            if entities.resilient[slot] != 0 { damage = damage * Int32(rules.resilientDamagePercent) / 100 }
            if damage > 0 { entities.lastHarm[slot] = DeathCause.starvation.rawValue }
            entities.health[slot] = max(health - damage, 0)
            entities.food[slot] = max(food - Int32(rules.foodDecay), 0)
            entities.water[slot] = max(water - Int32(rules.waterDecay), 0)
        }
        let npcRegen = Int32(world.config.npcs.regen)
        let npcHealth = Int32(world.config.npcs.maxHealth)
        for slot in entities.playerCount..<entities.capacity where entities.alive[slot] != 0 && entities.health[slot] > 0 && entities.health[slot] < npcHealth {
            entities.health[slot] = min(entities.health[slot] + npcRegen, npcHealth)
        }
    }
}
