import MMOCore
import Testing
@testable import MMOEnv

/// The masks a `VecEnv` writes equal the heads' legality rules (`ActionHeadRules.isLegal`, which
/// asks the world's own checks: `World.canAttack`, `canUse`, `canDestroy`, `canGive`, `canSell`,
/// `canGiveTo`, `canGiveGold`, `canBuy`, passable tiles), option by option on every head, for
/// living and dead agents, on the states random play reaches. The writer reads the same rules
/// column by column, all items in one pass (and from shared per-tick rows), so this is what keeps
/// the two from drifting apart. Along the way, every head's "nothing" option is legal in every
/// state but `attack_target`'s "none", which is legal exactly when no target is.
struct MaskLegalityTests {
    @Test(arguments: [(false, true), (true, true), (false, false)])
    func masksEqualTheHeadsLegalityRules(immortal: Bool, marketAndComm: Bool) throws {
        var config = Config.small
        config.players.immortal = immortal
        config.players.teams = 8
        config.exchange.enabled = marketAndComm
        config.comm.enabled = marketAndComm
        config.combat.spawnImmunity = 5
        let maps = [TerrainGenerator.generate(config: config, seed: 21)]
        let env = VecEnv(config: config, maps: maps, environmentCount: 2, seed: 8, threads: 1)
        let storage = StepBufferStorage(for: env)
        let policy = RandomPolicy(env: env, seed: 8)
        let layout = env.actionLayout
        let entities = env.observationLayout.segment(named: "entities")!
        let rows = entities.shape[0], width = entities.shape[1]
        let idColumn = env.observationLayout.column("id", of: "entities")
        // Legal options outside the head's `alwaysLegal`, and agents seen in each situation: the run
        // must reach states where each rule can say yes, or the comparison proves little.
        var stateDependent = [Int](repeating: 0, count: ActionHeadKind.allCases.count)
        var situations = (dead: 0, inCombat: 0, outOfCombat: 0)
        var mismatches = 0
        // Stock every inventory so that using, giving, selling and buying all come up.
        for environment in 0..<env.environmentCount {
            let world = env.world(environment)
            for agent in 0..<env.agentsPerEnv {
                for (index, kind) in ItemKind.allCases.enumerated() where (index + agent) % 3 == 0 {
                    _ = world.inventory.add(kind, level: Int32(1 + (index + agent) % 3), to: agent)
                }
            }
        }
        try env.observe(into: storage.buffers)
        for _ in 0..<120 {
            for environment in 0..<env.environmentCount {
                let world = env.world(environment)
                for agent in 0..<env.agentsPerEnv {
                    let index = environment * env.agentsPerEnv + agent
                    let mask = storage.buffers.masks.baseAddress! + index * layout.maskWidth
                    let record = (storage.buffers.observations.baseAddress! + index * env.observationLayout.bytesPerAgent + entities.offset).assumingMemoryBound(to: Int16.self)
                    // The entity slot each row shows, read from its id as a user would.
                    let shown = (0..<rows).map { row -> Int32 in
                        let id = Int32(record[row * width + idColumn])
                        return id == 0 ? -1 : id > 0 ? id - 1 : Int32(world.entities.playerCount) - id - 1
                    }
                    let alive = world.entities.alive[agent] != 0
                    let inCombat = alive && world.inCombat(agent)
                    if !alive { situations.dead += 1 } else if inCombat { situations.inCombat += 1 } else { situations.outOfCombat += 1 }
                    for kind in ActionHeadKind.allCases {
                        let head = layout[kind]
                        let alwaysLegal = alive ? Set(kind.rules.alwaysLegal(inCombat: inCombat, config: config)) : []
                        for option in 0..<head.size {
                            let legal = alive ? kind.rules.isLegal(option, agent: agent, world: world, shown: shown) : option == Int(head.nothing)
                            if (mask[head.maskOffset + option] != 0) != legal {
                                mismatches += 1
                                Issue.record("\(head.name) \(head.options[option]) of agent \(agent) at tick \(world.tick): rules say \(legal)")
                            }
                            if legal && !alwaysLegal.contains(option) { stateDependent[kind.rawValue] += 1 }
                        }
                        let nothingLegal = mask[head.maskOffset + Int(head.nothing)] != 0
                        if kind == .attackTarget {
                            let anyTarget = (0..<rows).contains { mask[head.maskOffset + $0] != 0 }
                            #expect(nothingLegal != anyTarget, "attack_target of agent \(agent) at tick \(world.tick)")
                        } else if !nothingLegal {
                            Issue.record("\(head.name) \(head.options[Int(head.nothing)]) masked out for agent \(agent) at tick \(world.tick)")
                        }
                    }
                    if mismatches > 20 { return }
                }
            }
            policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
            try env.step(actions: storage.actionRows, into: storage.buffers)
        }
        #expect(situations.inCombat > 0 && situations.outOfCombat > 0 && (immortal || situations.dead > 0), "\(situations)")
        let reachable: [ActionHeadKind] = [.move, .attackTarget, .use, .destroy, .giveItem, .giveTarget, .giveGoldTarget]
            + (marketAndComm ? [.sellItem, .buy, .giveGoldAmount] : [])
        for kind in reachable {
            #expect(stateDependent[kind.rawValue] > 0, "\(layout[kind].name) never legal beyond its state-independent options")
        }
    }
}
