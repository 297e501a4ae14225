/// Places the resources of a freshly thresholded map, drawing from the `.resources` stream.
///
/// In order, as in the reference: plus-shaped Ore, Tree and Crystal clusters, placed in rounds of
/// one of each (each centred on a tile that is still Grass, drawn uniformly; only the cluster's
/// Grass tiles change, so clusters may touch and overlap), Herbs on Grass, Fish on Water next to
/// Grass, then extra Water and extra Foilage on Grass. Everything lands inside the two processed
/// border rings (ring distance at most `playableRadius - 2`), so the spawn ring stays all Grass
/// and the ring inside it keeps no Water or Stone. Candidates are collected in row-major order and drawn without
/// replacement; when a kind runs out of candidates, fewer tiles are placed.
struct ResourcePlacer {
    /// Outer rings of the playable square kept free of resources: the spawn ring and the one
    /// inside it, both set by the border processing.
    private static let borderRings = 2

    private let rules: MapRules
    private var materials: [UInt8]
    private var rng: Rng

    /// A placer for `materials` (row-major, `rules.size` wide) drawing from `rng`.
    init(rules: MapRules, materials: [UInt8], rng: Rng) {
        self.rules = rules
        self.materials = materials
        self.rng = rng
    }

    /// Places every resource kind of `resources` and returns the finished materials.
    mutating func place(_ resources: ResourceRules) -> [UInt8] {
        placeClusters([(.ore, resources.oreClusters), (.tree, resources.treeClusters), (.crystal, resources.crystalClusters)])
        scatter(.herb, count: resources.herbs, onto: interiorTiles(margin: Self.borderRings) { isGrass($0) })
        scatter(.fish, count: resources.fish, onto: interiorTiles(margin: Self.borderRings) { isShore($0) })
        scatter(.water, count: resources.extraWater, onto: interiorTiles(margin: Self.borderRings) { isGrass($0) })
        scatter(.foilage, count: resources.extraFoilage, onto: interiorTiles(margin: Self.borderRings) { isGrass($0) })
        return materials
    }

    /// Plus-shaped clusters, one of each kind per round while a kind has clusters left. A centre is
    /// drawn uniformly from the tiles that are still Grass (the candidates, drawn without
    /// replacement, skipping those an earlier cluster covered); it keeps one tile of margin so its
    /// arms stay inside the placement area.
    private mutating func placeClusters(_ kinds: [(material: Material, count: Int)]) {
        var pool = interiorTiles(margin: Self.borderRings + 1) { isGrass($0) }
        var drawn = 0
        let width = rules.size
        let rounds = kinds.map(\.count).max() ?? 0
        for round in 0..<rounds {
            for kind in kinds where round < kind.count {
                var centre: Int?
                while centre == nil && drawn < pool.count {
                    pool.swapAt(drawn, drawn + rng.below(pool.count - drawn))
                    if isGrass(pool[drawn]) { centre = pool[drawn] }
                    drawn += 1
                }
                guard let centre else { return }
                for tile in [centre, centre - width, centre + width, centre - 1, centre + 1] where isGrass(tile) {
                    materials[tile] = kind.material.rawValue
                }
            }
        }
    }

    /// Turns `count` distinct tiles drawn from `candidates` into `material`.
    private mutating func scatter(_ material: Material, count: Int, onto candidates: [Int]) {
        for tile in draw(count, from: candidates) {
            materials[tile] = material.rawValue
        }
    }

    /// Up to `count` distinct elements of `candidates`, chosen by a partial Fisher-Yates shuffle.
    private mutating func draw(_ count: Int, from candidates: [Int]) -> [Int] {
        var pool = candidates
        let taken = min(count, pool.count)
        for index in 0..<taken {
            pool.swapAt(index, index + rng.below(pool.count - index))
        }
        return Array(pool.prefix(taken))
    }

    /// Row-major indices of tiles within ring distance `playableRadius - margin` that pass `test`.
    private func interiorTiles(margin: Int, where test: (Int) -> Bool) -> [Int] {
        let low = rules.middle - (rules.playableRadius - margin)
        let high = rules.middle + (rules.playableRadius - margin)
        guard low <= high else { return [] }
        var tiles: [Int] = []
        for row in low...high {
            for col in low...high where test(row * rules.size + col) {
                tiles.append(row * rules.size + col)
            }
        }
        return tiles
    }

    private func isGrass(_ tile: Int) -> Bool {
        materials[tile] == Material.grass.rawValue
    }

    /// Water with Grass directly north, south, west or east.
    private func isShore(_ tile: Int) -> Bool {
        let width = rules.size
        return materials[tile] == Material.water.rawValue
            && (isGrass(tile - width) || isGrass(tile + width) || isGrass(tile - 1) || isGrass(tile + 1))
    }
}
