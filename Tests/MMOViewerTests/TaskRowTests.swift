import Foundation
import MMOCore
import MMOViewer
import Testing

/// The panel's "Task" row shows the selected agent's task and progress from a replay with tasks.
struct TaskRowTests {
    /// A 3-tick replay of 4 players dealt a long and a short task name at various progress.
    private static func replayWithTasks() throws -> Replay {
        var config = Config.small
        config.players.count = 4
        config.npcs.count = 0
        let world = World(config: config, map: HandMadeMap.make(config: config), seed: 2)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gridmmo-task-row-\(UUID().uuidString).replay").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var tasks = ReplayTasks(names: ["harvest_potion_l1_q2", "eat"], labels: [0, 1, 0, 1], progress: [0, 0, 0, 0])
        let writer = try ReplayWriter(path: path, world: world, tasks: tasks)
        for _ in 1...2 {
            world.step()
            try writer.record(world, tasks: tasks)
        }
        world.step()
        tasks.progress = [0.5, 1, 0, 0.999]
        try writer.record(world, tasks: tasks)
        _ = try writer.finish()
        return try Replay.load(path: path)
    }

    /// The "Task" row of `slot` at the last tick, and the draw commands of that frame.
    private static func taskRow(_ replay: Replay, slot: Int) -> (value: String?, commands: [DrawCommand]) {
        let timeline = ReplayTimeline(replay: replay)
        var state = ViewerState(tickCount: replay.tickCount, mapSize: replay.map.size, playableSide: 33, layout: FrameLayout(width: 800, height: 600))
        state.seek(to: replay.tickCount - 1)
        state.select(slot)
        let frame = replay.frame(at: replay.tickCount - 1)
        let rows = InfoPanel.sections(config: replay.config, frame: frame, timeline: timeline, state: state, tickerRows: 0)[1].rows
        let commands = SceneBuilder(replay: replay, timeline: timeline).build(frame: frame, state: state)
        return (rows.first { $0.label == "Task" }?.value, commands)
    }

    @Test func taskRowShowsNameAndPercentCutToThePanel() throws {
        let replay = try Self.replayWithTasks()
        #expect(Self.taskRow(replay, slot: 0).value == "harvest_poti 50%", "16 columns: the name is cut, the percentage kept")
        #expect(Self.taskRow(replay, slot: 1).value == "eat 100%")
        #expect(Self.taskRow(replay, slot: 2).value == "harvest_potio 0%")
        #expect(Self.taskRow(replay, slot: 3).value == "eat 99%", "99.9% is not complete")
    }

    @Test func theWholeTaskTextIsDrawnInsideThePanel() throws {
        let replay = try Self.replayWithTasks()
        let (_, commands) = Self.taskRow(replay, slot: 0)
        let percentSigns = commands.compactMap { command -> PixelRect? in
            if case .sprite(ArtAtlas.glyph(UInt8(ascii: "%")), let destination, _) = command { return destination }
            return nil
        }
        let panel = FrameLayout(width: 800, height: 600).panel
        #expect(percentSigns.count == 1)
        #expect(percentSigns.allSatisfy { $0.maxX <= panel.maxX - 10 })
    }
}
