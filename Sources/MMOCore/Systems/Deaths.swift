/// Removes entities whose health reached 0, in slot order: they leave their tile, keep their slot
/// flagged dead with their death tick (NPC slots are freed for respawning), and log DEATH with the
/// cause of their last damage and the killer's slot in `target` (or -1).
///
/// When a living player killed the entity (PLAYER_KILL for the killer: target = victim slot,
/// level = victim's combat level):
/// - a player victim's gold goes to the killer (LOOT_GOLD) and its items, in a random order, into
///   the killer's inventory while there is room (LOOT_ITEM each); the rest is destroyed;
/// - an NPC victim gives its gold (its level; LOOT_GOLD) and drops one random armour piece and one
///   random tool of its level into the killer's inventory if there is room (LOOT_ITEM).
/// Otherwise (starvation, fog or an NPC killer) a player's items and gold are destroyed.
/// With `players.immortal`, a player at 0 health is left on 1 health instead: nothing is logged.
enum Deaths {
    static func run(in world: World) {
        let entities = world.entities
        let immortalPlayers = world.config.players.immortal
        for slot in 0..<entities.capacity where entities.alive[slot] != 0 && entities.health[slot] <= 0 {
            if immortalPlayers && !entities.isNPC(slot) {
                entities.health[slot] = 1
                continue
            }
            let cause = entities.lastHarm[slot]
            let attacker = Int(entities.lastAttacker[slot])
            let killer = cause == DeathCause.combat.rawValue && attacker >= 0 && attacker < entities.playerCount && entities.alive[attacker] != 0 ? attacker : -1
            let tiles = world.tiles
            tiles.removeOccupant(slot, at: tiles.index(row: Int(entities.row[slot]), col: Int(entities.col[slot])), links: entities.nextOnTile)
            entities.alive[slot] = 0
            entities.deathTick[slot] = Int32(world.tick)
            // The attacker is the killer only when combat did the fatal damage (not a stale hit).
            world.record(.death, slot: slot, type: cause, target: cause == DeathCause.combat.rawValue ? Int32(attacker) : -1)
            if killer >= 0 {
                world.record(.playerKill, slot: killer, type: Int16(entities.kind[slot].rawValue), level: Int16(entities.combatLevel(slot)), target: Int32(slot))
            }
            if entities.isNPC(slot) {
                if killer >= 0 { lootNPC(world, npc: slot, killer: killer) }
                entities.kind[slot] = .empty
            } else {
                world.livingPlayers -= 1
                lootPlayer(world, victim: slot, killer: killer)
            }
        }
    }

    private static func lootPlayer(_ world: World, victim: Int, killer: Int) {
        let entities = world.entities
        let inventory = world.inventory
        let gold = entities.gold[victim]
        entities.gold[victim] = 0
        guard killer >= 0 else {
            world.goldDestroyed += Int(gold)
            inventory.removeAll(of: victim)
            return
        }
        if gold > 0 {
            entities.gold[killer] += gold
            world.record(.lootGold, slot: killer, gold: gold, target: Int32(victim))
        }
        let rows = world.scratch.rows
        var count = 0
        for slot in 0..<inventory.slots where inventory.kind[inventory.row(victim, slot)] != 0 {
            rows[count] = Int32(inventory.row(victim, slot))
            count += 1
        }
        world.dropRng.shuffle(UnsafeMutableBufferPointer(start: rows.base, count: count))
        for position in 0..<count {
            let row = Int(rows[position])
            let kind = inventory.item(at: row)!
            let level = inventory.level[row], quantity = inventory.quantity[row]
            if inventory.move(from: row, to: killer) != nil {
                world.record(.lootItem, slot: killer, type: Int16(kind.rawValue), level: Int16(level), number: quantity, target: Int32(victim))
            }
        }
        inventory.removeAll(of: victim)
    }

    private static func lootNPC(_ world: World, npc: Int, killer: Int) {
        let entities = world.entities
        let gold = entities.gold[npc]
        entities.gold[npc] = 0
        if gold > 0 {
            entities.gold[killer] += gold
            world.goldCreated += Int(gold)
            world.record(.lootGold, slot: killer, gold: gold, target: Int32(npc))
        }
        let level = max(entities.level[npc], 1)
        let armour = ItemKind.armour[world.dropRng.below(ItemKind.armour.count)]
        let tool = ItemKind.tools[world.dropRng.below(ItemKind.tools.count)]
        drop(armour, level: level, from: npc, to: killer, in: world)
        drop(tool, level: level, from: npc, to: killer, in: world)
    }

    private static func drop(_ kind: ItemKind, level: Int32, from npc: Int, to killer: Int, in world: World) {
        if world.inventory.add(kind, level: level, to: killer) != nil {
            world.record(.lootItem, slot: killer, type: Int16(kind.rawValue), level: Int16(level), number: 1, target: Int32(npc))
        }
    }
}
