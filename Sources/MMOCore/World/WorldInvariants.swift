/// Consistency checks of a whole world, for tests and the soak command: every rule of the state
/// that the systems must keep, whatever the intents. Not on the hot path (it allocates freely).
public enum WorldInvariants {
    /// Human-readable descriptions of every broken invariant; empty when the world is consistent.
    public static func violations(in world: World) -> [String] {
        var problems: [String] = []
        checkVitals(world, &problems)
        checkPositions(world, &problems)
        checkSkills(world, &problems)
        checkItems(world, &problems)
        checkMarket(world, &problems)
        checkGold(world, &problems)
        return problems
    }

    private static func name(_ world: World, _ slot: Int) -> String {
        world.entities.isNPC(slot) ? "NPC slot \(slot)" : "player \(slot + 1)"
    }

    /// Health, food, water and gold within 0...max; living entities have the right kind; dead
    /// players hold nothing and dead NPC slots are empty.
    private static func checkVitals(_ world: World, _ problems: inout [String]) {
        let entities = world.entities
        let vitals = world.config.vitals
        for slot in 0..<entities.capacity {
            let npc = entities.isNPC(slot)
            let maxHealth = npc ? world.config.npcs.maxHealth : vitals.maxHealth
            func check(_ label: String, _ value: Int32, _ maximum: Int) {
                if value < 0 || value > Int32(maximum) { problems.append("\(name(world, slot)) has \(label) \(value) outside 0...\(maximum)") }
            }
            check("health", entities.health[slot], maxHealth)
            check("food", entities.food[slot], npc ? 0 : vitals.maxFood)
            check("water", entities.water[slot], npc ? 0 : vitals.maxWater)
            if entities.gold[slot] < 0 { problems.append("\(name(world, slot)) has negative gold \(entities.gold[slot])") }
            if entities.alive[slot] != 0 {
                if entities.health[slot] <= 0 { problems.append("\(name(world, slot)) is alive with health \(entities.health[slot]) after the tick") }
                let kind = entities.kind[slot]
                if npc ? (kind == .player || kind == .empty) : kind != .player {
                    problems.append("\(name(world, slot)) is alive with kind \(kind)")
                }
                if npc && !(1...Int32(world.config.progression.maxLevel)).contains(entities.level[slot]) {
                    problems.append("\(name(world, slot)) has level \(entities.level[slot])")
                }
                if entities.deathTick[slot] != -1 { problems.append("\(name(world, slot)) is alive with death tick \(entities.deathTick[slot])") }
            } else if npc {
                if entities.kind[slot] != .empty { problems.append("dead \(name(world, slot)) still has kind \(entities.kind[slot])") }
            } else if entities.kind[slot] != .player {
                problems.append("\(name(world, slot)) has kind \(entities.kind[slot])")
            } else {
                if entities.gold[slot] != 0 { problems.append("dead \(name(world, slot)) still holds \(entities.gold[slot]) gold") }
                if world.inventory.freeSlots(of: slot) != world.inventory.slots { problems.append("dead \(name(world, slot)) still holds items") }
                if entities.deathTick[slot] < 0 { problems.append("dead \(name(world, slot)) has no death tick") }
            }
        }
    }

    /// Living entities on passable playable tiles, each on exactly its tile's occupancy list; the
    /// lists hold only living entities at their positions; `livingPlayers` is right.
    private static func checkPositions(_ world: World, _ problems: inout [String]) {
        let entities = world.entities
        let tiles = world.tiles
        let size = world.size
        var seen = [Int](repeating: 0, count: entities.capacity)
        for index in 0..<(size * size) {
            var slot = Int(tiles.occupant[index])
            var steps = 0
            while slot >= 0 {
                steps += 1
                guard slot < entities.capacity, steps <= entities.capacity else {
                    problems.append("the occupancy list of tile (\(index / size), \(index % size)) is corrupt (slot \(slot), \(steps) steps)")
                    break
                }
                seen[slot] += 1
                if entities.alive[slot] == 0 { problems.append("dead \(name(world, slot)) is on the occupancy list of tile (\(index / size), \(index % size))") }
                let here = Int(entities.row[slot]) * size + Int(entities.col[slot])
                if here != index {
                    problems.append("\(name(world, slot)) at (\(entities.row[slot]), \(entities.col[slot])) is on the occupancy list of tile (\(index / size), \(index % size))")
                }
                slot = Int(entities.nextOnTile[slot])
            }
        }
        var living = 0
        for slot in 0..<entities.capacity {
            let alive = entities.alive[slot] != 0
            if alive && !entities.isNPC(slot) { living += 1 }
            if alive {
                let row = Int(entities.row[slot]), col = Int(entities.col[slot])
                if !tiles.playable.contains(row) || !tiles.playable.contains(col) {
                    problems.append("\(name(world, slot)) stands outside the playable square at (\(row), \(col))")
                } else if !tiles.isPassable(row: row, col: col) {
                    problems.append("\(name(world, slot)) stands on impassable \(tiles.material(row: row, col: col)) at (\(row), \(col))")
                }
                if seen[slot] != 1 { problems.append("\(name(world, slot)) appears \(seen[slot]) times on occupancy lists") }
            } else if seen[slot] != 0 {
                problems.append("dead \(name(world, slot)) appears \(seen[slot]) times on occupancy lists")
            }
        }
        if living != world.livingPlayers { problems.append("livingPlayers is \(world.livingPlayers) but \(living) players are alive") }
    }

    /// Player skill levels match their XP and lie in 1...maxLevel.
    private static func checkSkills(_ world: World, _ problems: inout [String]) {
        let entities = world.entities
        let progression = world.config.progression
        for slot in 0..<entities.playerCount {
            for skill in Skill.allCases {
                let experience = entities.experience(slot, skill), level = entities.level(slot, skill)
                if experience < 0 { problems.append("\(name(world, slot)) has negative \(skill.name) XP \(experience)") }
                if level != progression.level(forExperience: experience) {
                    problems.append("\(name(world, slot)) has \(skill.name) level \(level) with \(experience) XP")
                }
            }
        }
    }

    /// Every item in one place, with a valid kind, level and quantity; equipment slots and
    /// `equipped` flags agree; listings are unequipped, priced 1...maxPrice and not yet expired.
    private static func checkItems(_ world: World, _ problems: inout [String]) {
        let inventory = world.inventory
        let maxLevel = Int32(world.config.progression.maxLevel)
        let maxPrice = Int32(world.config.exchange.maxPrice)
        var owners: [Int32: Int] = [:]
        for player in 0..<inventory.players {
            for slot in 0..<inventory.slots {
                let row = inventory.row(player, slot)
                let place = "\(name(world, player)) slot \(slot)"
                guard inventory.kind[row] != 0 else {
                    if inventory.level[row] != 0 || inventory.quantity[row] != 0 || inventory.equipped[row] != 0 || inventory.price[row] != 0
                        || inventory.listedUntil[row] != 0 || inventory.itemID[row] != 0 {
                        problems.append("empty \(place) has leftover columns")
                    }
                    continue
                }
                guard let kind = inventory.item(at: row) else {
                    problems.append("\(place) holds unknown item kind \(inventory.kind[row])")
                    continue
                }
                let id = inventory.itemID[row]
                if id <= 0 || id >= inventory.nextItemID { problems.append("\(place) holds item id \(id), not in 1..<\(inventory.nextItemID)") }
                if let other = owners[id] {
                    problems.append("item id \(id) is in \(name(world, other / inventory.slots)) slot \(other % inventory.slots) and in \(place)")
                } else {
                    owners[id] = row
                }
                if !(1...maxLevel).contains(inventory.level[row]) { problems.append("\(place) holds \(kind.name) of level \(inventory.level[row])") }
                if inventory.quantity[row] < 1 || (!kind.stacks && inventory.quantity[row] != 1) {
                    problems.append("\(place) holds \(inventory.quantity[row]) \(kind.name)")
                }
                if inventory.equipped[row] > 1 { problems.append("\(place) has equipped flag \(inventory.equipped[row])") }
                if inventory.equipped[row] == 1 {
                    if let equipmentSlot = kind.equipmentSlot {
                        if inventory.equipment[player * EquipmentSlot.count + equipmentSlot.rawValue] != Int32(slot) {
                            problems.append("\(place) holds an equipped \(kind.name) that is not in its \(equipmentSlot) slot")
                        }
                    } else {
                        problems.append("\(place) holds an equipped consumable \(kind.name)")
                    }
                }
                let price = inventory.price[row]
                if price != 0 {
                    if price < 1 || price > maxPrice { problems.append("\(place) is listed at \(price), outside 1...\(maxPrice)") }
                    if inventory.equipped[row] != 0 { problems.append("\(place) is listed while equipped") }
                    if inventory.listedUntil[row] <= Int32(world.tick) {
                        problems.append("\(place) is listed until tick \(inventory.listedUntil[row]), already past at tick \(world.tick)")
                    }
                } else if inventory.listedUntil[row] != 0 {
                    problems.append("unlisted \(place) has a listing end \(inventory.listedUntil[row])")
                }
            }
            for equipmentSlot in EquipmentSlot.allCases {
                let slot = Int(inventory.equipment[player * EquipmentSlot.count + equipmentSlot.rawValue])
                guard slot != -1 else { continue }
                guard slot >= 0, slot < inventory.slots else {
                    problems.append("\(name(world, player))'s \(equipmentSlot) slot points at inventory slot \(slot)")
                    continue
                }
                let row = inventory.row(player, slot)
                guard let kind = inventory.item(at: row) else {
                    problems.append("\(name(world, player))'s \(equipmentSlot) slot points at empty inventory slot \(slot)")
                    continue
                }
                if kind.equipmentSlot != equipmentSlot { problems.append("\(name(world, player))'s \(equipmentSlot) slot holds a \(kind.name)") }
                if inventory.equipped[row] != 1 { problems.append("\(name(world, player))'s \(equipmentSlot) slot points at unequipped slot \(slot)") }
            }
        }
    }

    /// The market board lists exactly the listed rows, cheapest first.
    private static func checkMarket(_ world: World, _ problems: inout [String]) {
        let inventory = world.inventory
        let board = world.market
        var counts = [Int32](repeating: 0, count: MarketBoard.entryCount)
        var best = [Int32](repeating: 0, count: MarketBoard.entryCount)
        for row in 0..<(inventory.players * inventory.slots) where inventory.price[row] > 0 {
            guard let kind = inventory.item(at: row) else { continue }
            let entry = MarketBoard.entry(kind: kind, level: inventory.level[row])
            counts[entry] += 1
            best[entry] = best[entry] == 0 ? inventory.price[row] : min(best[entry], inventory.price[row])
        }
        for entry in 0..<MarketBoard.entryCount {
            if board.listingCount[entry] != counts[entry] || board.bestPrice[entry] != best[entry] {
                let item = MarketBoard.item(ofEntry: entry)
                problems.append("market entry \(item.kind.name) level \(item.level) shows \(board.listingCount[entry]) listings from \(board.bestPrice[entry]), inventories have \(counts[entry]) from \(best[entry])")
                continue
            }
            let start = Int(board.entryStart[entry]), end = Int(board.entryStart[entry + 1])
            guard end - start == Int(counts[entry]) else {
                problems.append("market entry \(entry) spans \(end - start) rows for \(counts[entry]) listings")
                continue
            }
            var previous: Int32 = 0
            for position in start..<end {
                let row = Int(board.rows[position])
                guard row >= 0, row < inventory.players * inventory.slots, inventory.price[row] > 0,
                      let kind = inventory.item(at: row), MarketBoard.entry(kind: kind, level: inventory.level[row]) == entry else {
                    problems.append("market entry \(entry) lists row \(row), which is not listed there")
                    break
                }
                if inventory.price[row] < previous { problems.append("market entry \(entry) is not sorted by price") }
                previous = inventory.price[row]
            }
        }
    }

    /// Players' gold (living and dead) equals the gold created minus the gold destroyed.
    private static func checkGold(_ world: World, _ problems: inout [String]) {
        var total = 0
        for slot in 0..<world.entities.playerCount { total += Int(world.entities.gold[slot]) }
        if total != world.goldCreated - world.goldDestroyed {
            problems.append("players hold \(total) gold but \(world.goldCreated) was created and \(world.goldDestroyed) destroyed")
        }
    }
}
