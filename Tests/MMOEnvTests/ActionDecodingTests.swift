import MMOCore
import MMOEnv
import Testing

/// Choices on the action heads reach the world as the right intents, and masks follow the state.
struct ActionDecodingTests {
    /// Two teammates spawned side by side, no NPCs, no spawn immunity.
    private func pair() throws -> (VecEnv, StepBufferStorage) {
        var config = Config.small
        config.players.count = 2
        config.players.teams = 1
        config.npcs.count = 0
        config.combat.spawnImmunity = 0
        let env = VecEnv(config: config, maps: [HandMadeMap.make(config: config)], environmentCount: 1, seed: 3, threads: 1)
        let storage = StepBufferStorage(for: env)
        try env.observe(into: storage.buffers)
        let heads = env.actionLayout.heads
        for agent in 0..<2 {
            for (index, head) in heads.enumerated() { storage.actions[agent * heads.count + index] = head.nothing }
        }
        return (env, storage)
    }

    private func set(_ storage: StepBufferStorage, _ env: VecEnv, agent: Int, _ head: String, _ option: Int32) {
        storage.actions[agent * env.actionLayout.headCount + env.actionLayout.headIndex(named: head)!] = option
    }

    private func mask(_ storage: StepBufferStorage, _ env: VecEnv, agent: Int, _ head: String) -> [UInt8] {
        let head = env.actionLayout.heads[env.actionLayout.headIndex(named: head)!]
        return Array(UnsafeBufferPointer(start: storage.buffers.masks.baseAddress! + agent * env.actionLayout.maskWidth + head.maskOffset, count: head.size))
    }

    @Test func attackAndGiveGoldNameTheObservedEntityAndCombatBlocksGiving() throws {
        let (env, storage) = try pair()
        let world = env.world(0)
        #expect(world.distance(0, 1) == 1)
        // Agent 0 sees agent 1 in entity row 0 and may attack it ("none" is then illegal).
        let targets = mask(storage, env, agent: 0, "attack_target")
        #expect(targets[0] == 1 && targets[16] == 0)
        #expect(mask(storage, env, agent: 0, "give_gold_amount")[1] == 1)
        #expect(mask(storage, env, agent: 0, "give_gold_amount")[2] == 0, "only 1 gold to give")

        set(storage, env, agent: 0, "attack_style", Int32(CombatStyle.mage.rawValue))
        set(storage, env, agent: 0, "attack_target", 0)
        set(storage, env, agent: 0, "give_gold_amount", 1)
        set(storage, env, agent: 0, "give_gold_target", 0)
        try env.step(actions: storage.actionRows, into: storage.buffers)

        let hits = world.events.events.filter { $0.kind == .scoreHit }
        #expect(hits.count == 1 && hits[0].entity == 0 && hits[0].target == 1 && hits[0].type == Int16(CombatStyle.mage.rawValue))
        #expect(hits[0].number > 0 && world.entities.damageTaken[1] == hits[0].number)
        let gifts = world.events.events.filter { $0.kind == .giveGold }
        #expect(gifts.count == 1 && gifts[0].target == 1 && gifts[0].gold == 1)
        #expect(world.entities.gold[0] == 0 && world.entities.gold[1] == 2)
        // Agent 1 chose "none" for attack_target while agent 0 was attackable: illegal, as in the reference.
        #expect(env.illegalActions == 1)

        // Both are now in combat: giving gold is masked out, and a gift sent anyway is ignored and counted.
        #expect(mask(storage, env, agent: 1, "give_gold_amount") == [1] + Array(repeating: 0, count: 99))
        set(storage, env, agent: 0, "attack_target", 16)
        set(storage, env, agent: 0, "give_gold_amount", 0)
        set(storage, env, agent: 0, "give_gold_target", 16)
        set(storage, env, agent: 1, "give_gold_amount", 1)
        set(storage, env, agent: 1, "give_gold_target", 0)
        try env.step(actions: storage.actionRows, into: storage.buffers)
        #expect(world.events.count(of: .giveGold) == 0)
        #expect(env.illegalActions >= 3)
    }

    @Test func combatProfileMatchesTheCombatSystem() {
        var config = Config.small
        config.players.count = 4
        let world = World(config: config, map: HandMadeMap.make(config: config), seed: 1)
        world.inventory.add(.spear, level: 1, to: 0)
        world.inventory.add(.hat, level: 1, to: 0)
        world.inventory.add(.gloves, level: 1, to: 0)
        world.inventory.equip(at: world.inventory.row(0, 0))
        world.inventory.equip(at: world.inventory.row(0, 1))
        world.entities.skillLevel[0 * Skill.count + Skill.mage.rawValue] = 4
        for slot in [0, 1, config.players.count] {
            let profile = world.combatProfile(slot)
            for style in CombatStyle.allCases {
                #expect(profile.offense[style.rawValue] == world.offense(slot, style))
                #expect(profile.defense[style.rawValue] == world.defense(slot, style))
            }
        }
        #expect(world.offense(0, .melee) == 10 + 5 + 10)  // base, level 1, spear level 1
        #expect(world.defense(0, .range) == 5 * 4 + 3)     // highest level 4, hat level 1
    }
}
