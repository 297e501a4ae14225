import Foundation
import MMOCore
import MMOEnv
import MMOTasks
import Testing
@testable import gridmmo

/// A batched run with a curriculum records every agent's task and progress into its replay.
struct ReplayTaskRecordingTests {
    private static let curricula = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("curricula").path

    @Test func theRecorderStoresWhatTheEnvironmentDealt() throws {
        var config = Config.small
        config.players.count = 8
        config.npcs.count = 0
        config.episode.horizon = 30
        let curriculum = Curriculum(specs: [
            TaskSpec(name: "survive_20", predicate: .tickGE(numTick: 20)),
            TaskSpec(name: "travel_3", predicate: .distanceTraveled(distance: 3)),
            TaskSpec(name: "never", predicate: .tickGE(numTick: 10_000)),
            TaskSpec(name: "eat_once", predicate: .countEvent(event: Int(EventKind.eatFood.rawValue), count: 1)),
            TaskSpec(name: "drink_once", predicate: .countEvent(event: Int(EventKind.drinkWater.rawValue), count: 1)),
        ])
        let env = VecEnv(config: config, maps: [HandMadeMap.make(config: config)], environmentCount: 2, seed: 9, threads: 1, curriculum: curriculum)
        let path = CommandRunner.temporaryPath("tasks.replay")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = try ReplayRecorder(path: path, env: env, environment: 0)

        /// What the environment says about environment 0's agents, per recorded tick.
        var truth: [[(name: String, progress: Float)]] = []
        let capture = {
            truth.append((0..<env.agentsPerEnv).map { agent in
                (curriculum.specs[env.taskIndex(environment: 0, agent: agent)!].name, env.taskProgress(environment: 0, agent: agent)!)
            })
        }
        capture()
        var firstEpisodeEnd: Int?
        env.afterTick = { environment, world in
            guard environment == 0 else { return }
            if firstEpisodeEnd == nil { capture() }
            if world.isOver && firstEpisodeEnd == nil { firstEpisodeEnd = world.tick }
            recorder.record(world)
        }
        let storage = StepBufferStorage(for: env)
        try env.observe(into: storage.buffers)
        var rng = Rng(seed: 10)
        let move = env.actionLayout.headIndex(named: "move")!
        for _ in 0..<40 {
            for agent in 0..<env.totalAgents {
                for (index, head) in env.actionLayout.heads.enumerated() {
                    storage.actions[agent * env.actionLayout.headCount + index] = head.nothing
                }
                storage.actions[agent * env.actionLayout.headCount + move] = Int32(rng.below(Direction.allCases.count))
            }
            try env.step(actions: storage.actionRows, into: storage.buffers)
        }
        let summary = try recorder.finish()
        let lastTick = try #require(firstEpisodeEnd, "the first episode ends within 40 ticks")
        #expect(summary.tickCount == lastTick + 1, "the first episode, then the recorder stops")
        #expect(env.taskIndex(environment: 0, agent: 0) != nil)

        let replay = try Replay.load(path: path)
        #expect(replay.recordsTasks)
        let dealt = Set(truth[0].map(\.name))
        #expect(Set(replay.taskNames) == dealt && replay.taskNames.count == dealt.count, "the table holds exactly the dealt names")
        var sawProgress = false
        for tick in 0..<replay.tickCount {
            let tasks = try #require(replay.frame(at: tick).tasks)
            for agent in 0..<env.agentsPerEnv {
                #expect(tasks.name(ofPlayer: agent) == truth[tick][agent].name, "tick \(tick) agent \(agent)")
                #expect(abs(tasks.progress[agent] - truth[tick][agent].progress) <= 1e-5, "tick \(tick) agent \(agent)")
                sawProgress = sawProgress || tasks.progress[agent] > 0
            }
        }
        #expect(sawProgress)
    }

    @Test func simulateWithACurriculumRecordsTasksThatReplayInfoAccepts() throws {
        let replay = CommandRunner.temporaryPath("curriculum.replay")
        defer { try? FileManager.default.removeItem(atPath: replay) }
        CommandRunner.succeed(["simulate", "--preset", "small", "--envs", "2", "--ticks", "40", "--threads", "2", "--generated-maps", "1", "--curriculum", "\(Self.curricula)/train.json", "--replay", replay])
        let loaded = try Replay.load(path: replay)
        #expect(loaded.version == 4 && loaded.recordsTasks)
        let curriculum = try CurriculumFile.load(path: "\(Self.curricula)/train.json")
        let specNames = Set(curriculum.specs.map(\.name))
        #expect(!loaded.taskNames.isEmpty && loaded.taskNames.allSatisfy(specNames.contains))
        let last = try #require(loaded.frame(at: loaded.tickCount - 1).tasks)
        #expect(last.labels.count == loaded.config.players.count)
        CommandRunner.succeed(["replay", "info", replay])
    }
}
