/// Small constructed maps for rule tests and experiments: the playable square is Grass, everything
/// else Void, with chosen tiles overridden.
public enum HandMadeMap {
    /// A Grass playable square for `config`, with `overrides` applied in order.
    public static func make(config: Config, overrides: [(row: Int, col: Int, material: Material)] = []) -> GameMap {
        let size = config.map.size
        var bytes = [UInt8](repeating: Material.void.rawValue, count: size * size)
        for row in config.map.playableMin...config.map.playableMax {
            for col in config.map.playableMin...config.map.playableMax {
                bytes[row * size + col] = Material.grass.rawValue
            }
        }
        for tile in overrides { bytes[tile.row * size + tile.col] = tile.material.rawValue }
        return GameMap(size: size, materials: bytes)
    }
}
