import MMONet

/// Tile flips shared by the attacks: writes into the attacked agent's row of `frame.features`.
enum TileFlips {
    /// k distinct tiles drawn at random, each to a random other valid material.
    static func random(agent: Int, frame: AttackFrame, random: inout NetRandom) {
        let k = min(frame.budget.tileFlips, frame.tiles)
        guard k > 0 else { return }
        let ids = frame.features.tileIDs + agent * frame.tiles
        // Partial Fisher-Yates over tile positions without an array: draw until k distinct tiles.
        var chosen = 0
        while chosen < k {
            let tile = random.integer(below: frame.tiles)
            let original = frame.cleanTiles[agent * frame.tiles + tile]
            guard ids[tile] == original else { continue }
            let current = TileCode.material(original)
            var material = TileCode.flipMaterials[random.integer(below: TileCode.flipMaterials.count - 1)]
            if material >= current, current >= 1 { material += 1 }
            if material == current { material = current == 1 ? 2 : 1 }
            ids[tile] = TileCode.with(material: material, of: original)
            chosen += 1
        }
    }

    /// Sets tile `tile` of `agent`'s row to the material `steps` places along the cycle of flip
    /// materials from its clean material (void counts as the cycle's start).
    static func shift(agent: Int, tile: Int, steps: Int, frame: AttackFrame) {
        let original = frame.cleanTiles[agent * frame.tiles + tile]
        let materials = TileCode.flipMaterials
        let current = max(TileCode.material(original), materials[0])
        let position = materials.firstIndex(of: current)!
        let material = materials[((position + steps) % materials.count + materials.count) % materials.count]
        let target = material == TileCode.material(original) ? materials[(position + steps + 1 + materials.count) % materials.count] : material
        frame.features.tileIDs[agent * frame.tiles + tile] = TileCode.with(material: target, of: original)
    }
}
