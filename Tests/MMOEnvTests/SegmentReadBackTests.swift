import MMOCore
import MMOEnv
import Testing

/// Every per-agent segment, read back through the layout by column name, equals the world state it
/// describes: self, skills, inventory, equipment, market and comm. Reading by name proves that the
/// published names and the positions the writer uses agree.
struct SegmentReadBackTests {
    @Test func everySegmentReadsBackByColumnName() throws {
        var config = Config.small
        config.players.count = 16
        config.players.teams = 4
        config.players.immortal = true
        config.comm.enabled = true
        config.combat.spawnImmunity = 3
        let env = VecEnv(config: config, maps: [TerrainGenerator.generate(config: config, seed: 5)], environmentCount: 2, seed: 12, threads: 1)
        let storage = StepBufferStorage(for: env)
        let policy = RandomPolicy(env: env, seed: 12)
        // Stock inventories so that items, equipment and market listings come up.
        for environment in 0..<env.environmentCount {
            for agent in 0..<env.agentsPerEnv {
                for (index, kind) in ItemKind.allCases.enumerated() where (index + agent) % 2 == 0 {
                    _ = env.world(environment).inventory.add(kind, level: Int32(1 + index % 3), to: agent)
                }
            }
        }
        try env.observe(into: storage.buffers)
        let layout = env.observationLayout
        var checked = (items: 0, equipped: 0, listings: 0, messages: 0)
        for tick in 1...60 {
            policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
            try env.step(actions: storage.actionRows, into: storage.buffers)
            guard tick % 6 == 0 else { continue }
            for environment in 0..<env.environmentCount {
                let world = env.world(environment)
                for agent in 0..<env.agentsPerEnv {
                    let record = storage.observationBytes(environment: environment, agentsPerEnv: env.agentsPerEnv).baseAddress! + agent * layout.bytesPerAgent
                    /// Column `name` of row `row` of an int16 segment.
                    func value(_ segment: String, _ name: String, row: Int = 0) -> Int {
                        let table = layout.segment(named: segment)!
                        let width = table.columns.isEmpty ? 1 : table.columns.count
                        let column = table.columns.isEmpty ? 0 : layout.column(name, of: segment)
                        return Int(record.load(fromByteOffset: table.offset + (row * width + column) * 2, as: Int16.self))
                    }
                    let entities = world.entities
                    #expect(value("self", "id") == agent + 1 && value("self", "alive") == 1)
                    let expectedSelf: [(String, Int)] = [
                        ("row", Int(entities.row[agent])), ("col", Int(entities.col[agent])), ("health", Int(entities.health[agent])),
                        ("food", Int(entities.food[agent])), ("water", Int(entities.water[agent])), ("team", Int(entities.team[agent])),
                        ("time_alive", world.tick - Int(entities.spawnTick[agent])), ("farthest", Int(entities.farthest[agent])),
                        ("gold", Int(entities.gold[agent])), ("in_combat", world.inCombat(agent) ? 1 : 0),
                        ("spawn_immune", world.isSpawnImmune(agent) ? 1 : 0), ("highest_level", Int(entities.highestLevel(agent))),
                        ("damage_taken", Int(entities.damageTaken[agent])),
                        ("melee_offense", Int(world.offense(agent, .melee))), ("range_offense", Int(world.offense(agent, .range))),
                        ("mage_offense", Int(world.offense(agent, .mage))), ("melee_defense", Int(world.defense(agent, .melee))),
                        ("range_defense", Int(world.defense(agent, .range))), ("mage_defense", Int(world.defense(agent, .mage))),
                    ]
                    for (name, expected) in expectedSelf { #expect(value("self", name) == expected, "self.\(name) of agent \(agent)") }
                    for skill in Skill.allCases {
                        #expect(value("skills", "level", row: skill.rawValue) == Int(entities.level(agent, skill)))
                        #expect(value("skills", "experience", row: skill.rawValue) == Int(entities.experience(agent, skill)))
                    }
                    let inventory = world.inventory
                    for slot in 0..<inventory.slots {
                        let row = inventory.row(agent, slot)
                        guard let kind = inventory.item(at: row) else {
                            #expect(value("inventory", "kind", row: slot) == 0)
                            continue
                        }
                        let stats = ItemStats(kind: kind, level: inventory.level[row], rules: config.items)
                        let expectedRow: [(String, Int)] = [
                            ("kind", Int(kind.rawValue)), ("level", Int(inventory.level[row])), ("quantity", Int(inventory.quantity[row])),
                            ("equipped", Int(inventory.equipped[row])), ("listed_price", Int(inventory.price[row])),
                            ("melee_attack", Int(stats.attack.melee)), ("range_attack", Int(stats.attack.range)), ("mage_attack", Int(stats.attack.mage)),
                            ("melee_defense", Int(stats.defense.melee)), ("range_defense", Int(stats.defense.range)), ("mage_defense", Int(stats.defense.mage)),
                            ("resource_restore", Int(stats.resourceRestore)), ("health_restore", Int(stats.healthRestore)),
                        ]
                        for (name, expected) in expectedRow { #expect(value("inventory", name, row: slot) == expected, "inventory.\(name)") }
                        checked.items += 1
                    }
                    for equipmentSlot in 0..<EquipmentSlot.count {
                        let equipped = Int(inventory.equipment[agent * EquipmentSlot.count + equipmentSlot])
                        #expect(value("equipment", "", row: equipmentSlot) == equipped)
                        checked.equipped += equipped >= 0 ? 1 : 0
                    }
                    for entry in 0..<MarketBoard.entryCount {
                        #expect(value("market", "best_price", row: entry) == Int(world.market.bestPrice[entry]))
                        #expect(value("market", "listings", row: entry) == Int(world.market.listingCount[entry]))
                        checked.listings += Int(world.market.listingCount[entry])
                    }
                    let teamSize = config.players.count / config.players.teams
                    let teammates = (0..<config.players.count).filter { $0 != agent && entities.team[$0] == entities.team[agent] }
                    #expect(teammates.count == teamSize - 1)
                    for (row, mate) in teammates.enumerated() {
                        #expect(value("comm", "id", row: row) == mate + 1)
                        #expect(value("comm", "row", row: row) == Int(entities.row[mate]) && value("comm", "col", row: row) == Int(entities.col[mate]))
                        #expect(value("comm", "message", row: row) == Int(entities.message[mate]))
                        checked.messages += entities.message[mate] != 0 ? 1 : 0
                    }
                }
            }
        }
        // The run must reach states where each segment holds something, or the comparison proves little.
        #expect(checked.items > 100 && checked.equipped > 0 && checked.listings > 0 && checked.messages > 0, "\(checked)")
    }
}
