/// The death fog (off unless `deathFog.enabled`). From tick `onset` the fog front moves in from the
/// edge of the playable square at `speed` tiles per tick. A tile at depth d (its L-inf distance
/// inside the playable edge, 0 on the spawn ring) is fogged once the front has passed it, unless it
/// lies in the safe square of half-side `safeRadius` around the middle; a player on a fogged tile
/// loses ceil(`damage` x strength) health per tick, where strength = front - d. The damage is the
/// first step of the players' update, before regeneration (see `World`).
enum DeathFog {
    static func run(in world: World) {
        let rules = world.config.deathFog
        guard rules.enabled, world.tick >= rules.onset else { return }
        let front = rules.speed * Double(world.tick - rules.onset + 1)
        let middle = world.config.map.middle
        let radius = world.config.map.playableRadius
        let entities = world.entities
        for slot in 0..<entities.playerCount where entities.alive[slot] != 0 {
            let distance = max(abs(Int(entities.row[slot]) - middle), abs(Int(entities.col[slot]) - middle))
            guard distance > rules.safeRadius else { continue }
            let strength = front - Double(radius - distance)
            guard strength > 0 else { continue }
            let damage = Int32((rules.damage * strength).rounded(.up))
            entities.health[slot] = max(entities.health[slot] - damage, 0)
            entities.lastHarm[slot] = DeathCause.deathFog.rawValue
        }
    }
}
