/// Grows depleted tiles back: each depleted tile, in the order it was depleted, becomes its
/// resource again with the per-tick probability of `ResourceRules` (one draw per tile per tick).
enum ResourceRespawn {
    static func run(in world: World) {
        let tiles = world.tiles
        let rules = world.config.resources
        var rng = world.respawnRng
        var position = 0
        while position < tiles.depletedCount {
            let index = Int(tiles.depleted[position])
            let material = Material(rawValue: tiles.materials[index])!
            if rng.chance(rules.respawnProbability(ofDepleted: material)), let grown = material.replenished {
                tiles.materials[index] = grown.rawValue
                tiles.forgetDepleted(at: position)
            } else {
                position += 1
            }
        }
        world.respawnRng = rng
    }
}
