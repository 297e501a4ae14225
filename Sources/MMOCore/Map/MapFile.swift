/// Loads and saves single maps as `.npy` files of material bytes (`size` x `size`, `uint8`).
///
/// Loading checks everything the simulation relies on: the map is square with the config's side,
/// every byte is a material, every tile outside the playable square is Void, and the spawn ring
/// has at least one passable tile per player. Errors name the file and the offending tile.
public enum MapFile {
    /// The map in the `.npy` file at `path`, validated against `config`.
    public static func load(path: String, config: Config) throws(MapFileError) -> GameMap {
        try map(from: NpyFile.read(path: path), config: config, path: path)
    }

    /// The map in `matrix` (read from `path`), validated against `config` as `load` does.
    public static func map(from matrix: NpyFile.Matrix, config: Config, path: String) throws(MapFileError) -> GameMap {
        let rules = config.map
        func failure(_ message: String) -> MapFileError { MapFileError(path: path, message: message) }

        guard matrix.rows == rules.size, matrix.cols == rules.size else {
            throw failure("map shape must be (\(rules.size), \(rules.size)) for map.size \(rules.size), found (\(matrix.rows), \(matrix.cols))")
        }
        if let tile = matrix.values.firstIndex(where: { Int($0) >= Material.count }) {
            let (row, col) = tile.quotientAndRemainder(dividingBy: rules.size)
            throw failure("tile (row \(row), col \(col)) holds \(matrix.values[tile]), which is not a material (must be below \(Material.count))")
        }
        let map = GameMap(size: rules.size, materials: matrix.values)
        var passableSpawnTiles = 0
        for row in 0..<rules.size {
            for col in 0..<rules.size {
                let distance = rules.ringDistance(row: row, col: col)
                if distance > rules.playableRadius, map[row, col] != .void {
                    throw failure("tile (row \(row), col \(col)) is outside the playable square (rows and cols \(rules.playableMin)...\(rules.playableMax)) but holds \(map[row, col].name), must be void")
                }
                if distance == rules.playableRadius, map[row, col].isPassable {
                    passableSpawnTiles += 1
                }
            }
        }
        guard passableSpawnTiles >= config.players.count else {
            throw failure("the spawn ring has \(passableSpawnTiles) passable tiles, fewer than the \(config.players.count) players")
        }
        return map
    }

    /// Writes `map` to `path` as a `.npy` file, atomically.
    public static func save(_ map: GameMap, path: String) throws(MapFileError) {
        try NpyFile.write(NpyFile.Matrix(rows: map.size, cols: map.size, values: map.materials), path: path)
    }
}
