import MMOCore
import MMOEnv
import Testing

/// The writer overwrites every byte of every record and mask row, so buffers handed over with
/// stale contents (a foreign caller's memory, last step's records) give the same bytes as fresh
/// zeroed ones.
struct StaleBufferTests {
    @Test(arguments: [false, true])
    func recordsDoNotDependOnWhatTheBuffersHeld(immortal: Bool) throws {
        var config = Config.small
        config.players.immortal = immortal
        let maps = [TerrainGenerator.generate(config: config, seed: 9)]
        let fresh = VecEnv(config: config, maps: maps, environmentCount: 2, seed: 4, threads: 1)
        let stale = VecEnv(config: config, maps: maps, environmentCount: 2, seed: 4, threads: 1)
        let freshStorage = StepBufferStorage(for: fresh)
        let staleStorage = StepBufferStorage(for: stale)
        let policy = RandomPolicy(env: fresh, seed: 4)
        func scribble() {
            staleStorage.buffers.observations.initializeMemory(as: UInt8.self, repeating: 0xAB)
            staleStorage.buffers.masks.initialize(repeating: 0xCD)
        }
        scribble()
        try fresh.observe(into: freshStorage.buffers)
        try stale.observe(into: staleStorage.buffers)
        for tick in 0..<80 {
            #expect(Array(freshStorage.observationBytes) == Array(staleStorage.observationBytes), "records differ at tick \(tick)")
            #expect(Array(freshStorage.buffers.masks) == Array(staleStorage.buffers.masks), "masks differ at tick \(tick)")
            policy.act(env: fresh, buffers: freshStorage.buffers, actions: freshStorage.actions)
            _ = staleStorage.actions.update(fromContentsOf: freshStorage.actions)
            try fresh.step(actions: freshStorage.actionRows, into: freshStorage.buffers)
            scribble()
            try stale.step(actions: staleStorage.actionRows, into: staleStorage.buffers)
        }
    }
}
