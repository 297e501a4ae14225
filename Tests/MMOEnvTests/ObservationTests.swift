import MMOCore
import MMOEnv
import Testing

/// What the environment writes: layout, tile window, entity rows, masks, rewards and flags.
struct ObservationTests {
    private func smallConfig(players: Int) -> Config {
        var config = Config.small
        config.players.count = players
        return config
    }

    /// Every head of every agent set to its "nothing" option.
    private func setNothing(_ storage: StepBufferStorage, _ env: VecEnv) {
        let heads = env.actionLayout.heads
        for agent in 0..<env.totalAgents {
            for (index, head) in heads.enumerated() { storage.actions[agent * heads.count + index] = head.nothing }
        }
    }

    private func read<T>(_ storage: StepBufferStorage, agent: Int, segment: ObservationSegment, as type: T.Type) -> [T] {
        let start = storage.buffers.observations.baseAddress! + agent * storage.bytesPerAgent + segment.offset
        return Array(UnsafeBufferPointer(start: start.assumingMemoryBound(to: T.self), count: segment.elementCount))
    }

    @Test func layoutSegmentsAreAlignedAndDisjoint() {
        let layout = ObservationLayout(config: .default)
        #expect(layout.segments.map(\.name) == ["tick", "self", "skills", "tiles", "entities", "inventory", "equipment", "market"])
        var end = 0
        for segment in layout.segments {
            #expect(segment.offset % 8 == 0)
            #expect(segment.offset >= end)
            end = segment.offset + segment.byteCount
        }
        #expect(layout.bytesPerAgent % 8 == 0 && layout.bytesPerAgent >= end)
        #expect(layout.segment(named: "tiles")!.shape == [15, 15])
        #expect(layout.segment(named: "entities")!.shape == [16, ObservationLayout.entityColumns.count])
        #expect(layout.segment(named: "market")!.shape == [160, 2])
        var teams = Config.default
        teams.players.teams = 16
        #expect(ObservationLayout(config: teams).segment(named: "comm")!.shape == [7, 4])
        #expect(ObservationLayout(config: .competition2023).segment(named: "comm") == nil)
    }

    @Test func tileWindowMatchesTheMapAroundTheAgent() throws {
        let config = Config.small
        let map = TerrainGenerator.generate(config: config, seed: 4)
        let env = VecEnv(config: config, maps: [map], environmentCount: 1, seed: 3, threads: 1)
        let storage = StepBufferStorage(for: env)
        try env.observe(into: storage.buffers)
        let layout = env.observationLayout
        let world = env.world(0)
        for agent in [0, 17, 63] {
            let tiles = read(storage, agent: agent, segment: layout.segment(named: "tiles")!, as: UInt8.self)
            let row = Int(world.entities.row[agent]), col = Int(world.entities.col[agent])
            for dr in -7...7 {
                for dc in -7...7 {
                    let r = row + dr, c = col + dc
                    let expected = (r >= 0 && c >= 0 && r < config.map.size && c < config.map.size) ? world.tiles.materials[r * config.map.size + c] : 0
                    #expect(tiles[(dr + 7) * 15 + dc + 7] == expected)
                }
            }
            let me = read(storage, agent: agent, segment: layout.segment(named: "self")!, as: Int16.self)
            #expect(me[0] == Int16(agent + 1) && me[1] == 1 && me[2] == Int16(row) && me[3] == Int16(col))
        }
    }

    @Test func entityRowsListTheNearestOthersNearestFirst() throws {
        let config = smallConfig(players: 64)
        let env = VecEnv(config: config, maps: [HandMadeMap.make(config: config)], environmentCount: 1, seed: 8, threads: 1)
        let storage = StepBufferStorage(for: env)
        try env.observe(into: storage.buffers)
        let world = env.world(0)
        let entities = world.entities
        let segment = env.observationLayout.segment(named: "entities")!
        let width = ObservationLayout.entityColumns.count
        var sawNPC = false
        for agent in 0..<64 {
            let rows = read(storage, agent: agent, segment: segment, as: Int16.self)
            let row = Int(entities.row[agent]), col = Int(entities.col[agent])
            func distance(_ other: Int) -> Int { max(abs(Int(entities.row[other]) - row), abs(Int(entities.col[other]) - col)) }
            // Every other living entity (players and NPCs) within the window, by brute force.
            let visible = (0..<entities.capacity).filter { $0 != agent && entities.alive[$0] != 0 && distance($0) <= 7 }
            let expected = visible.sorted { (distance($0), $0) < (distance($1), $1) }.prefix(16)
            let listed = (0..<16).map { Int(rows[$0 * width]) }.filter { $0 != 0 }
            #expect(listed == expected.map { Int(entities.id(ofSlot: $0)) })
            for (index, other) in expected.enumerated() {
                #expect(Int(rows[index * width + 4]) == Int(entities.row[other]) - row)
                #expect(Int(rows[index * width + 6]) == Int(entities.health[other]))
                #expect(Int(rows[index * width + 1]) == Int(entities.kind[other].rawValue))
                if entities.isNPC(other) { sawNPC = true }
            }
        }
        #expect(sawNPC, "some agent should see an NPC")
    }

    @Test func moveMaskFollowsPassabilityAndIllegalMovesAreIgnoredAndCounted() throws {
        var config = smallConfig(players: 1)
        config.npcs.count = 0  // no NPC in reach, which would make the attack head's no-op illegal
        let probe = VecEnv(config: config, maps: [HandMadeMap.make(config: config)], environmentCount: 1, seed: 2, threads: 1)
        let row = Int(probe.world(0).entities.row[0]), col = Int(probe.world(0).entities.col[0])
        // Stone on the spawn tile's neighbours inside the ring (the ring itself stays Grass, so the
        // spawn does not move); the neighbour outside the playable square is Void.
        let inward = Direction.allCases.filter { direction in
            direction != .stay && config.map.isPlayable(row: row + direction.rowDelta, col: col + direction.colDelta)
                && config.map.ringDistance(row: row + direction.rowDelta, col: col + direction.colDelta) < config.map.playableRadius
        }
        #expect(!inward.isEmpty)
        let map = HandMadeMap.make(config: config, overrides: inward.map { (row + $0.rowDelta, col + $0.colDelta, .stone) })
        let env = VecEnv(config: config, maps: [map], environmentCount: 1, seed: 2, threads: 1)
        let storage = StepBufferStorage(for: env)
        try env.observe(into: storage.buffers)
        let world = env.world(0)
        #expect(Int(world.entities.row[0]) == row && Int(world.entities.col[0]) == col)
        let mask = Array(UnsafeBufferPointer(start: storage.buffers.masks.baseAddress!, count: 5))
        let expected: [UInt8] = Direction.allCases.map { direction in
            direction == .stay || world.tiles.isPassable(row: row + direction.rowDelta, col: col + direction.colDelta) ? 1 : 0
        }
        #expect(mask == expected)
        #expect(inward.allSatisfy { mask[Int($0.rawValue)] == 0 })
        #expect(mask[Int(Direction.stay.rawValue)] == 1)

        setNothing(storage, env)
        storage.actions[0] = Int32(inward[0].rawValue)
        try env.step(actions: storage.actionRows, into: storage.buffers)
        #expect(Int(world.entities.row[0]) == row && Int(world.entities.col[0]) == col)
        storage.actions[0] = 99
        try env.step(actions: storage.actionRows, into: storage.buffers)
        #expect(env.illegalActions == 2)
        #expect(Int(world.entities.row[0]) == row && Int(world.entities.col[0]) == col)
    }

    @Test func deathsAreFlaggedOnceAndDeadAgentsStayInTheBuffers() throws {
        var config = smallConfig(players: 4)
        config.episode.horizon = 40
        let env = VecEnv(config: config, maps: [HandMadeMap.make(config: config)], environmentCount: 1, seed: 1, threads: 1)
        let storage = StepBufferStorage(for: env)
        try env.observe(into: storage.buffers)
        setNothing(storage, env)
        var terminationTicks: [Int] = []
        for tick in 1...25 {
            try env.step(actions: storage.actionRows, into: storage.buffers)
            for agent in 0..<4 where storage.buffers.terminations[agent] == 1 {
                terminationTicks.append(tick)
                #expect(storage.buffers.rewards[agent] == -1)
            }
        }
        // All four starve at tick 25, which ends the episode; the env has already reset.
        #expect(terminationTicks == [25, 25, 25, 25])
        #expect(env.finishedEpisodes.count == 1)
        #expect(env.world(0).tick == 0 && env.world(0).livingPlayers == 4)
    }

    @Test func livingAgentsAreTruncatedAtTheHorizon() throws {
        var config = smallConfig(players: 3)
        config.episode.horizon = 10
        let env = VecEnv(config: config, maps: [HandMadeMap.make(config: config)], environmentCount: 2, seed: 1, threads: 1)
        let storage = StepBufferStorage(for: env)
        try env.observe(into: storage.buffers)
        setNothing(storage, env)
        for _ in 1...9 {
            try env.step(actions: storage.actionRows, into: storage.buffers)
            #expect((0..<6).allSatisfy { storage.buffers.truncations[$0] == 0 })
        }
        try env.step(actions: storage.actionRows, into: storage.buffers)
        #expect((0..<6).allSatisfy { storage.buffers.truncations[$0] == 1 && storage.buffers.terminations[$0] == 0 })
        #expect(env.finishedEpisodes == (2, 20))
    }
}
