import MMOCore
import MMOEnv
import MMOTasks
import Testing

/// Tasks inside a `VecEnv`: a scripted agent completes an eating task and a harvesting task, is
/// paid their progress (1 in total, nothing after), and sees its task in the observation.
struct TaskRewardTests {
    /// Runs one agent that steps once onto `material` placed on the tile inward of its spawn,
    /// under a one-task curriculum; returns the rewards of every tick and the final observation.
    /// Eating and harvesting come before moving in a tick, so the agent eats or harvests there
    /// in the second tick.
    private func run(task: TaskPredicate, material: Material, ticks: Int) throws -> (rewards: [Float], progress: Float, taskIndex: Int32, env: VecEnv) {
        var config = Config.small
        config.players.count = 1
        config.npcs.count = 0
        let curriculum = Curriculum(specs: [TaskSpec(name: "only", predicate: task, tags: ["item"])])
        let probe = VecEnv(config: config, maps: [HandMadeMap.make(config: config)], environmentCount: 1, seed: 4, threads: 1)
        let row = Int(probe.world(0).entities.row[0]), col = Int(probe.world(0).entities.col[0])
        let low = config.map.playableMin, high = config.map.playableMax
        let inward: Direction = row == low ? .south : row == high ? .north : col == low ? .east : .west
        let map = HandMadeMap.make(config: config, overrides: [(row + inward.rowDelta, col + inward.colDelta, material)])
        let env = VecEnv(config: config, maps: [map], environmentCount: 1, seed: 4, threads: 1, curriculum: curriculum)
        let storage = StepBufferStorage(for: env)
        try env.observe(into: storage.buffers)
        var rewards: [Float] = []
        for tick in 0..<ticks {
            for (index, head) in env.actionLayout.heads.enumerated() { storage.actions[index] = head.nothing }
            storage.actions[env.actionLayout.headIndex(named: "move")!] = Int32(tick == 0 ? inward.rawValue : Direction.stay.rawValue)
            try env.step(actions: storage.actionRows, into: storage.buffers)
            rewards.append(storage.buffers.rewards[0])
        }
        let layout = env.observationLayout
        let progress = storage.buffers.observations.load(fromByteOffset: layout.segment(named: "task_progress")!.offset, as: Float.self)
        let taskIndex = storage.buffers.observations.load(fromByteOffset: layout.segment(named: "task")!.offset, as: Int32.self)
        return (rewards, progress, taskIndex, env)
    }

    @Test func eatingTaskPaysOneWhenTheAgentEats() throws {
        let result = try run(task: .countEvent(event: Int(EventKind.eatFood.rawValue), count: 1), material: .foilage, ticks: 5)
        #expect(result.rewards[0] == 0 && result.rewards[1] == 1)
        #expect(result.rewards.dropFirst(2).allSatisfy { $0 == 0 })
        #expect(result.progress == 1 && result.taskIndex == 0)
    }

    @Test func harvestingTaskPaysInStepsUpToOne() throws {
        // Two Potions wanted; the Herb yields one, then regrows only with probability 0.02 a tick.
        let result = try run(task: .harvestItem(item: Int(ItemKind.potion.rawValue), level: 1, quantity: 2), material: .herb, ticks: 4)
        #expect(result.rewards[0] == 0 && result.rewards[1] == 0.5)
        #expect(result.rewards.reduce(0, +) <= 1)
        #expect(result.progress == result.rewards.reduce(0, +))
        #expect(result.env.world(0).inventory.item(at: 0) == .potion)
    }

    @Test func taskSegmentsAppearOnlyWithACurriculum() {
        let plain = ObservationLayout(config: .small)
        #expect(plain.segment(named: "task") == nil)
        let tasked = ObservationLayout(config: .small, tasks: true, taskEmbeddingDimension: TaskEmbedding.dimension)
        #expect(tasked.segment(named: "task_embedding")?.shape == [TaskEmbedding.dimension])
        #expect(tasked.segment(named: "task_progress")?.type == .float32)
        #expect(tasked.segment(named: "task_embedding")?.type == .float16, "half precision, as the reference stores it")
    }

    @Test func tasksAreDealtByWeightAndDeterministically() throws {
        var config = Config.small
        config.npcs.count = 0
        let curriculum = Curriculum(specs: [
            TaskSpec(name: "rare", predicate: .success, weight: 1),
            TaskSpec(name: "common", predicate: .stayAlive, weight: 9),
        ])
        func dealt(seed: UInt64) throws -> [Int32] {
            let env = VecEnv(config: config, maps: [HandMadeMap.make(config: config)], environmentCount: 2, seed: seed, threads: 2, curriculum: curriculum)
            let storage = StepBufferStorage(for: env)
            try env.observe(into: storage.buffers)
            let offset = env.observationLayout.segment(named: "task")!.offset
            return (0..<env.totalAgents).map { storage.buffers.observations.load(fromByteOffset: $0 * env.observationLayout.bytesPerAgent + offset, as: Int32.self) }
        }
        let first = try dealt(seed: 9)
        #expect(try first == dealt(seed: 9))
        let common = first.filter { $0 == 1 }.count
        #expect(common > first.count * 3 / 4 && common < first.count)
    }

    @Test func teamTasksPayEveryMemberWhenOneOfThemProgresses() throws {
        var config = Config.small
        config.players.count = 2
        config.players.teams = 1
        config.npcs.count = 0
        let task = TaskPredicate.countEvent(event: Int(EventKind.eatFood.rawValue), count: 1)
        let curriculum = Curriculum(specs: [TaskSpec(name: "team_eat", predicate: task, rewardTo: .team)])
        let probe = VecEnv(config: config, maps: [HandMadeMap.make(config: config)], environmentCount: 1, seed: 6, threads: 1)
        let row = Int(probe.world(0).entities.row[0]), col = Int(probe.world(0).entities.col[0])
        let low = config.map.playableMin, high = config.map.playableMax
        let inward: Direction = row == low ? .south : row == high ? .north : col == low ? .east : .west
        let map = HandMadeMap.make(config: config, overrides: [(row + inward.rowDelta, col + inward.colDelta, .foilage)])
        let env = VecEnv(config: config, maps: [map], environmentCount: 1, seed: 6, threads: 1, curriculum: curriculum)
        let storage = StepBufferStorage(for: env)
        try env.observe(into: storage.buffers)
        let heads = env.actionLayout.heads
        for agent in 0..<2 {
            for (index, head) in heads.enumerated() { storage.actions[agent * heads.count + index] = head.nothing }
        }
        storage.actions[env.actionLayout.headIndex(named: "move")!] = Int32(inward.rawValue)
        try env.step(actions: storage.actionRows, into: storage.buffers)
        // It eats where it stands in the next tick (eating comes before moving).
        storage.actions[env.actionLayout.headIndex(named: "move")!] = Int32(Direction.stay.rawValue)
        try env.step(actions: storage.actionRows, into: storage.buffers)
        #expect(env.world(0).events.events.filter { $0.kind == .eatFood }.map(\.entity) == [0])
        #expect(storage.buffers.rewards[0] == 1 && storage.buffers.rewards[1] == 1, "both teammates share the team task")
        #expect(env.taskTotals == (2, 2))
    }

    @Test func deathPenaltyIsConfigurable() throws {
        var config = Config.small
        config.players.count = 2
        config.npcs.count = 0
        for penalty: Float in [-1, 0, -0.25] {
            let env = VecEnv(config: config, maps: [HandMadeMap.make(config: config)], environmentCount: 1, seed: 2, threads: 1, deathPenalty: penalty)
            let storage = StepBufferStorage(for: env)
            try env.observe(into: storage.buffers)
            var paid: [Float] = []
            for _ in 1...25 {
                for agent in 0..<2 {
                    for (index, head) in env.actionLayout.heads.enumerated() { storage.actions[agent * env.actionLayout.headCount + index] = head.nothing }
                }
                try env.step(actions: storage.actionRows, into: storage.buffers)
                paid += (0..<2).filter { storage.buffers.terminations[$0] == 1 }.map { storage.buffers.rewards[$0] }
            }
            #expect(paid == [penalty, penalty], "both agents starve at tick 25 and are paid the penalty")
        }
    }

    @Test func aDeadAgentsTaskStopsProgressing() throws {
        var config = Config.small
        config.players.count = 2
        config.npcs.count = 0
        let curriculum = Curriculum(specs: [TaskSpec(name: "reach_tick_8", predicate: .tickGE(numTick: 8), tags: ["survival"])])
        let env = VecEnv(config: config, maps: [HandMadeMap.make(config: config)], environmentCount: 1, seed: 2, threads: 1, curriculum: curriculum,
                         deathPenalty: 0)
        let storage = StepBufferStorage(for: env)
        try env.observe(into: storage.buffers)
        let layout = env.observationLayout
        func progress(_ agent: Int) -> Float {
            storage.buffers.observations.load(fromByteOffset: agent * layout.bytesPerAgent + layout.segment(named: "task_progress")!.offset, as: Float.self)
        }
        var paid: [Float] = [0, 0]
        for tick in 1...10 {
            for agent in 0..<2 {
                for (index, head) in env.actionLayout.heads.enumerated() { storage.actions[agent * env.actionLayout.headCount + index] = head.nothing }
            }
            if tick == 3 { env.world(0).entities.health[0] = 0 }
            try env.step(actions: storage.actionRows, into: storage.buffers)
            for agent in 0..<2 { paid[agent] += storage.buffers.rewards[agent] }
            if tick == 3 { #expect(storage.buffers.terminations[0] == 1) }
        }
        #expect(progress(0) == 3.0 / 8.0, "frozen at the tick the agent died")
        #expect(progress(1) == 1)
        #expect(paid == [3.0 / 8.0, 1])
        #expect(env.taskTotals == (2, 1), "the dead agent's task is not counted as completed")
        #expect(env.taskScoreboard()?.totalOutcomes == 0, "no episode has finished")
        let board = env.taskScoreboard(includingEpisodesInProgress: true)
        #expect(board?.outcomes == [2] && board?.completions == [1] && board?.progressSums == [1.375])
        #expect(board?.weightedScore == 50, "survival is the only category covered")
    }

    @Test func finishedEpisodesRecordEveryTaskOnce() throws {
        var config = Config.small
        config.players.count = 4
        config.npcs.count = 0
        config.episode.horizon = 5
        let curriculum = Curriculum(specs: [TaskSpec(name: "reach_tick_3", predicate: .tickGE(numTick: 3), tags: ["survival"]),
                                            TaskSpec(name: "reach_tick_9", predicate: .tickGE(numTick: 9), tags: ["survival"])])
        let env = VecEnv(config: config, maps: [HandMadeMap.make(config: config)], environmentCount: 2, seed: 3, threads: 1, curriculum: curriculum)
        let storage = StepBufferStorage(for: env)
        try env.observe(into: storage.buffers)
        for _ in 1...7 {
            for (index, head) in env.actionLayout.heads.enumerated() {
                for agent in 0..<env.totalAgents { storage.actions[agent * env.actionLayout.headCount + index] = head.nothing }
            }
            try env.step(actions: storage.actionRows, into: storage.buffers)
        }
        let board = env.taskScoreboard()!
        #expect(env.finishedEpisodes.count == 2 && board.totalOutcomes == 8, "one finished episode of 4 agents per environment")
        // Everyone lives to the horizon (tick 5): "reach tick 3" always completes, "reach tick 9" reaches 5/9.
        #expect(board.completions[0] == board.outcomes[0] && board.completions[1] == 0)
        #expect(board.progressSums[1] == Double(board.outcomes[1]) * Double(Float(5) / 9))
        #expect(env.taskScoreboard(includingEpisodesInProgress: true)!.totalOutcomes == 16)
    }

    @Test func theEmbeddingSegmentCanBeLeftOutWithoutChangingTheGame() throws {
        var config = Config.small
        config.players.count = 8
        let curriculum = Curriculum(specs: [TaskSpec(name: "eat", predicate: .countEvent(event: Int(EventKind.eatFood.rawValue), count: 2)),
                                            TaskSpec(name: "reach_tick_6", predicate: .tickGE(numTick: 6), rewardTo: .team)])
        func run(embedding: Bool) throws -> (env: VecEnv, rewards: [Float], tasks: [Int32]) {
            let env = VecEnv(config: config, maps: [HandMadeMap.make(config: config)], environmentCount: 2, seed: 7, threads: 1, curriculum: curriculum,
                             taskEmbeddingInObservations: embedding)
            let storage = StepBufferStorage(for: env)
            let policy = ForagerPolicy(env: env, seed: 7)
            try env.observe(into: storage.buffers)
            var rewards: [Float] = [], tasks: [Int32] = []
            let taskOffset = env.observationLayout.segment(named: "task")!.offset
            for _ in 0..<12 {
                policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
                try env.step(actions: storage.actionRows, into: storage.buffers)
                rewards += (0..<env.totalAgents).map { storage.buffers.rewards[$0] }
                tasks += (0..<env.totalAgents).map {
                    storage.buffers.observations.load(fromByteOffset: $0 * env.observationLayout.bytesPerAgent + taskOffset, as: Int32.self)
                }
            }
            if embedding {
                // The segment holds the dealt spec's row of the published table.
                let layout = env.observationLayout, offset = layout.segment(named: "task_embedding")!.offset
                for agent in 0..<env.totalAgents {
                    let spec = Int(tasks[tasks.count - env.totalAgents + agent])
                    let row = (0..<TaskEmbedding.dimension).map {
                        storage.buffers.observations.load(fromByteOffset: agent * layout.bytesPerAgent + offset + 2 * $0, as: Float16.self)
                    }
                    #expect(row == Array(env.taskEmbeddings[spec * TaskEmbedding.dimension..<(spec + 1) * TaskEmbedding.dimension]))
                }
            }
            return (env, rewards, tasks)
        }
        let with = try run(embedding: true), without = try run(embedding: false)
        #expect(without.env.observationLayout.segment(named: "task_embedding") == nil && !without.env.taskEmbeddingInObservations)
        #expect(with.env.observationLayout.bytesPerAgent - without.env.observationLayout.bytesPerAgent == 2 * TaskEmbedding.dimension)
        #expect(with.rewards == without.rewards && with.tasks == without.tasks)
        #expect(with.rewards.contains { $0 > 0 }, "some task progressed")
    }
}
