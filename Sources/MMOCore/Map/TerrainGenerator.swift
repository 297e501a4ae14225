/// Generates Neural-MMO-style terrain: a simplex-noise fractal thresholded into Water, Grass,
/// Foilage and Stone inside the playable square (Void outside), a processed border, then resources.
///
/// The border processing forces the spawn ring (ring distance `playableRadius`) to Grass and turns
/// Stone and Water on the ring just inside it into Foilage, so every spawn tile is walkable and
/// can step inward. The result is a pure function of the config and seed: noise uses the
/// `.terrain` stream and resource placement the `.resources` stream.
public enum TerrainGenerator {
    /// The map for `config` and `seed`; the same pair always gives byte-identical materials.
    public static func generate(config: Config, seed: UInt64) -> GameMap {
        let rules = config.map
        let fractal = TerrainFractal.values(rules: rules, seed: seed)
        var materials = [UInt8](repeating: Material.void.rawValue, count: rules.size * rules.size)
        for row in rules.playableMin...rules.playableMax {
            for col in rules.playableMin...rules.playableMax {
                let tile = row * rules.size + col
                let material: Material
                switch rules.ringDistance(row: row, col: col) {
                case rules.playableRadius:
                    material = .grass
                case rules.playableRadius - 1:
                    let raw = terrain(at: fractal[tile], rules: rules)
                    material = raw == .stone || raw == .water ? .foilage : raw
                default:
                    material = terrain(at: fractal[tile], rules: rules)
                }
                materials[tile] = material.rawValue
            }
        }
        var placer = ResourcePlacer(rules: rules, materials: materials, rng: Rng(seed: seed, stream: .resources))
        return GameMap(size: rules.size, materials: placer.place(config.resources))
    }

    /// The base terrain for a fractal value, by the config thresholds.
    private static func terrain(at value: Double, rules: MapRules) -> Material {
        if value <= rules.waterThreshold { return .water }
        if value <= rules.grassThreshold { return .grass }
        if value <= rules.foilageThreshold { return .foilage }
        return .stone
    }
}
