import MMOCore
import MMOEnv
import Testing

/// `VecEnv.agentSteps` counts one step per living agent per tick: the samples a learner receives.
struct AgentStepCountTests {
    private func run(_ config: Config, ticks: Int) throws -> (counted: Int, expected: Int, slots: Int) {
        let maps = [TerrainGenerator.generate(config: config, seed: 3)]
        let env = VecEnv(config: config, maps: maps, environmentCount: 3, seed: 5, threads: 2)
        let storage = StepBufferStorage(for: env)
        let policy = RandomPolicy(env: env, seed: 5)
        try env.observe(into: storage.buffers)
        var expected = 0
        for _ in 0..<ticks {
            // Living before the step, read from the observations' `self.alive` column.
            for index in 0..<env.environmentCount {
                let world = env.world(index)
                expected += (0..<env.agentsPerEnv).filter { world.entities.alive[$0] != 0 }.count
            }
            policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
            try env.step(actions: storage.actionRows, into: storage.buffers)
        }
        return (env.agentSteps, expected, ticks * env.totalAgents)
    }

    @Test func deadAgentsAreNotCounted() throws {
        let counts = try run(.small, ticks: 60)
        #expect(counts.counted == counts.expected)
        // Idle or random agents starve from tick 25 on: far fewer samples than slots.
        #expect(counts.counted < counts.slots * 3 / 4)
    }

    @Test func anImmortalPopulationCountsEverySlot() throws {
        var config = Config.small
        config.players.immortal = true
        let counts = try run(config, ticks: 60)
        #expect(counts.counted == counts.slots)
    }
}
