/// Keeps the NPC population topped up: while fewer than `npcs.count` NPCs live, up to
/// `npcs.spawnAttemptsPerTick` attempts per tick (and at reset) each draw a uniform tile of the
/// playable square and spawn an NPC there if it is passable (occupied tiles are fine: entities
/// share tiles, and the reference rejects only impassable ones).
///
/// An NPC's danger is its depth into the playable square, `(playableRadius - ring distance) /
/// playableRadius` (0 on the edge, 1 in the middle; the reference's 2d/center). Danger at or above
/// `hostileDangerPercent` makes it Hostile, at or above `neutralDangerPercent` Neutral, else
/// Passive. Its level is int(danger x 9 + 1); offense int(offensePerLevel x (level - u)) +
/// offenseBase and defense int(defensePerLevel x (level - u)) with one u uniform in [0, 1) for both
/// (so with the default numbers offense equals defense, as in the reference); it fights in
/// a random style, holds gold equal to its level and has `npcs.maxHealth` health (SPAWN event with
/// the kind in `type` and the level in `level`). A slot freed by a death is reused from the next
/// tick on.
enum NPCSpawning {
    static func run(in world: World) {
        let entities = world.entities
        let rules = world.config.npcs
        guard rules.count > 0 else { return }
        var living = 0
        for slot in entities.playerCount..<entities.capacity where entities.alive[slot] != 0 { living += 1 }
        let map = world.config.map
        let side = map.playableMax - map.playableMin + 1
        var rng = world.npcRng
        var freeSlot = entities.playerCount
        for _ in 0..<rules.spawnAttemptsPerTick where living < rules.count {
            let row = map.playableMin + rng.below(side)
            let col = map.playableMin + rng.below(side)
            let index = world.tiles.index(row: row, col: col)
            guard world.tiles.passable[index] != 0 else { continue }
            // A slot freed by a death this tick stays empty until the next, so this tick's events
            // about its old occupant never name the newcomer.
            while freeSlot < entities.capacity && (entities.alive[freeSlot] != 0 || (world.tick > 0 && entities.deathTick[freeSlot] == Int32(world.tick))) {
                freeSlot += 1
            }
            guard freeSlot < entities.capacity else { break }
            let danger = Double(map.playableRadius - map.ringDistance(row: row, col: col)) / Double(map.playableRadius)
            let kind: EntityKind = danger * 100 >= Double(rules.hostileDangerPercent) ? .hostileNPC
                : danger * 100 >= Double(rules.neutralDangerPercent) ? .neutralNPC : .passiveNPC
            let level = Int32(danger * 9 + 1)
            spawn(world, slot: freeSlot, kind: kind, level: level, row: row, col: col, rng: &rng)
            living += 1
        }
        world.npcRng = rng
    }

    private static func spawn(_ world: World, slot: Int, kind: EntityKind, level: Int32, row: Int, col: Int, rng: inout Rng) {
        let entities = world.entities
        let rules = world.config.npcs
        entities.kind[slot] = kind
        entities.alive[slot] = 1
        entities.row[slot] = Int32(row)
        entities.col[slot] = Int32(col)
        entities.spawnRow[slot] = Int32(row)
        entities.spawnCol[slot] = Int32(col)
        entities.spawnTick[slot] = Int32(world.tick)
        entities.deathTick[slot] = -1
        entities.health[slot] = Int32(rules.maxHealth)
        entities.food[slot] = 0
        entities.water[slot] = 0
        entities.team[slot] = -1
        entities.level[slot] = level
        let equipmentLevel = Double(level) - rng.unit()
        entities.npcOffense[slot] = Int32(Double(rules.offensePerLevel) * equipmentLevel) + Int32(rules.offenseBase)
        entities.npcDefense[slot] = Int32(Double(rules.defensePerLevel) * equipmentLevel)
        entities.npcStyle[slot] = Int32(rng.below(CombatStyle.count))
        entities.npcTarget[slot] = -1
        entities.gold[slot] = level
        entities.lastAttacker[slot] = -1
        entities.lastCombatTick[slot] = -32768
        entities.lastHarm[slot] = 0
        entities.damageTaken[slot] = 0
        world.tiles.addOccupant(slot, at: world.tiles.index(row: row, col: col), links: entities.nextOnTile)
        world.record(.spawn, slot: slot, type: Int16(kind.rawValue), level: Int16(level))
    }
}
