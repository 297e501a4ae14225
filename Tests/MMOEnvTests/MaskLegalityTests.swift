import MMOCore
import MMOEnv
import Testing

/// The masks a `VecEnv` writes equal the rules' own legality checks (`World.canAttack`, `canUse`,
/// `canDestroy`, `canGive`, `canSell`, `canGiveTo`, `canBuy`) on the states random play reaches:
/// the writer reads the same rules column by column (and from shared per-tick rows), so this is
/// what keeps the two from drifting apart.
struct MaskLegalityTests {
    @Test(arguments: [false, true])
    func masksEqualTheWorldsLegalityChecks(immortal: Bool) throws {
        var config = Config.small
        config.players.immortal = immortal
        config.combat.spawnImmunity = 5
        let maps = [TerrainGenerator.generate(config: config, seed: 21)]
        let env = VecEnv(config: config, maps: maps, environmentCount: 2, seed: 8, threads: 1)
        let storage = StepBufferStorage(for: env)
        let policy = RandomPolicy(env: env, seed: 8)
        let layout = env.actionLayout
        let entities = env.observationLayout.segment(named: "entities")!
        let rows = entities.shape[0], width = entities.shape[1]
        let idColumn = env.observationLayout.column("id", of: "entities")
        func head(_ name: String) -> ActionHead { layout.heads[layout.headIndex(named: name)!] }
        let (attack, use, destroy, give, sell, giveTarget, goldTarget, buy) =
            (head("attack_target"), head("use"), head("destroy"), head("give_item"), head("sell_item"), head("give_target"), head("give_gold_target"), head("buy"))
        var checked = (attacks: 0, gives: 0, items: 0, buys: 0)
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
                for agent in 0..<env.agentsPerEnv where world.entities.alive[agent] != 0 {
                    let index = environment * env.agentsPerEnv + agent
                    let mask = storage.buffers.masks.baseAddress! + index * layout.maskWidth
                    let record = (storage.buffers.observations.baseAddress! + index * env.observationLayout.bytesPerAgent + entities.offset).assumingMemoryBound(to: Int16.self)
                    for row in 0..<rows {
                        let id = Int(record[row * width + idColumn])
                        guard id != 0 else {
                            #expect(mask[attack.maskOffset + row] == 0 && mask[giveTarget.maskOffset + row] == 0)
                            continue
                        }
                        let other = id > 0 ? id - 1 : world.entities.playerCount - id - 1
                        #expect((mask[attack.maskOffset + row] != 0) == world.canAttack(agent, other), "attack \(agent) -> \(other) at tick \(world.tick)")
                        #expect((mask[giveTarget.maskOffset + row] != 0) == world.canGiveTo(giver: agent, receiver: other))
                        #expect((mask[goldTarget.maskOffset + row] != 0) == world.canGiveTo(giver: agent, receiver: other))
                        checked.attacks += world.canAttack(agent, other) ? 1 : 0
                        checked.gives += world.canGiveTo(giver: agent, receiver: other) ? 1 : 0
                    }
                    for slot in 0..<config.items.inventorySize {
                        #expect((mask[use.maskOffset + slot] != 0) == world.canUse(player: agent, slot: slot))
                        #expect((mask[destroy.maskOffset + slot] != 0) == world.canDestroy(player: agent, slot: slot))
                        #expect((mask[give.maskOffset + slot] != 0) == world.canGive(player: agent, slot: slot))
                        #expect((mask[sell.maskOffset + slot] != 0) == world.canSell(player: agent, slot: slot))
                        checked.items += world.canDestroy(player: agent, slot: slot) ? 1 : 0
                    }
                    for entry in 0..<MarketBoard.entryCount {
                        #expect((mask[buy.maskOffset + entry] != 0) == world.canBuy(buyer: agent, entry: entry))
                        checked.buys += world.canBuy(buyer: agent, entry: entry) ? 1 : 0
                    }
                }
            }
            policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
            try env.step(actions: storage.actionRows, into: storage.buffers)
        }
        // The run must reach states where each check can say yes, or the comparison proves little.
        #expect(checked.attacks > 100 && checked.gives > 100 && checked.items > 100 && checked.buys > 0, "\(checked)")
    }
}
