import Foundation
import Testing
@testable import MMOCore

/// Format 3 replays store every player's task label and progress; older files and recordings
/// without tasks read back without them.
struct ReplayTaskTests {
    private static let names = ["eat_food", "harvest_potion_l1_q2", "never_dealt", "drink_water"]

    /// The world both recordings play: 4 players and 2 NPCs on the forage map, for up to 200 ticks.
    private static func recordedWorld() -> World {
        var config = Config.small
        config.players.count = 4
        config.npcs.count = 2
        config.episode.horizon = 200
        return World(config: config, map: ReplayFixture.forageMap(config: config), seed: 21)
    }

    /// Records `ticks` ticks of a 4-player world; `tasks(tick)` gives the annotations of each tick.
    private static func record(ticks: Int, path: String, tasks: (Int) -> ReplayTasks) throws -> [ReplayTasks] {
        let world = recordedWorld()
        let writer = try ReplayWriter(path: path, world: world, tasks: tasks(0))
        var given = [tasks(0)]
        var rng = Rng(seed: 22)
        for tick in 1...ticks {
            ReplayFixture.randomMoves(for: world, using: &rng)
            world.step()
            given.append(tasks(tick))
            try writer.record(world, tasks: given[tick])
        }
        _ = try writer.finish()
        return given
    }

    /// The annotations of `tick`: labels change at tick 30 (a delta) and 70 (the caller dealing
    /// again, as at a new episode), progress climbs in steps and one player completes.
    private static func annotations(tick: Int) -> ReplayTasks {
        let labels = tick < 30 ? [0, 1, 0, 1] : tick < 70 ? [0, 1, 3, 1] : [3, 3, 1, 0]
        let start = tick < 70 ? 0 : 70
        let progress: [Float] = [
            Float(min(tick - start, 10)) / 10,
            Float((tick - start) / 7) / 100,
            0.25,
            1 / 3,
        ]
        return ReplayTasks(names: names, labels: labels, progress: progress)
    }

    /// What a replay reads back for `tasks`: the labels renamed into the file's string table and
    /// the progress rounded to 1/65535.
    private static func expected(_ tasks: ReplayTasks, table: [String]) -> (names: [String], progress: [Float]) {
        let names = tasks.labels.map { tasks.names[$0] }
        let progress = tasks.progress.map { ReplayFormat.progress(quantized: ReplayFormat.quantize(progress: $0)) }
        #expect(names.allSatisfy(table.contains))
        return (names, progress)
    }

    @Test func labelsAndProgressRoundTripWithChangesAndSeeking() throws {
        let path = ReplayFixture.temporaryPath()
        defer { ReplayFixture.discard(path) }
        let given = try Self.record(ticks: 140, path: path, tasks: Self.annotations)
        let replay = try Replay.load(path: path)
        #expect(replay.version == 4 && replay.recordsTasks)
        #expect(replay.taskNames == ["eat_food", "harvest_potion_l1_q2", "drink_water"], "only dealt names, in order of appearance")
        for tick in [0, 1, 29, 30, 31, 63, 64, 69, 70, 71, 100, 128, 129, 140] {
            let tasks = try #require(replay.frame(at: tick).tasks, "tick \(tick)")
            let truth = Self.expected(given[tick], table: replay.taskNames)
            #expect((0..<4).map(tasks.name(ofPlayer:)) == truth.names, "labels at tick \(tick)")
            #expect(tasks.progress == truth.progress, "progress at tick \(tick)")
            #expect(zip(tasks.progress, given[tick].progress).allSatisfy { abs($0 - $1) <= 0.5 / 65535 })
        }
        let last = try #require(replay.frame(at: 140).tasks)
        #expect(last.completedCount == 1, "only exactly 1 is stored as complete")
    }

    @Test func unchangedTasksCostTwoBytesPerDelta() throws {
        let withTasks = ReplayFixture.temporaryPath()
        let without = ReplayFixture.temporaryPath()
        defer {
            ReplayFixture.discard(withTasks)
            ReplayFixture.discard(without)
        }
        let fixed = ReplayTasks(names: Self.names, labels: [1, 1, 1, 1], progress: [0, 0, 0, 0])
        _ = try Self.record(ticks: 63, path: withTasks, tasks: { _ in fixed })
        let plain = try Self.recordWithoutTasks(ticks: 63, path: without)
        let taskBytes = try ReplayFixture.formatThree([UInt8](try Data(contentsOf: URL(fileURLWithPath: withTasks)))).count
        // Uncompressed (format 3 records); keyframe: new-name count, first index, one name, then label and progress per player.
        let keyframe = 1 + 1 + 1 + "harvest_potion_l1_q2".utf8.count + 4 * 2
        #expect(taskBytes - plain == keyframe + 63 * 2, "a delta without changes holds two zero counts")
    }

    /// Records the same episode as `record` but without tasks; returns the size of its records
    /// laid out uncompressed (as format 3).
    private static func recordWithoutTasks(ticks: Int, path: String) throws -> Int {
        let world = recordedWorld()
        let writer = try ReplayWriter(path: path, world: world)
        var rng = Rng(seed: 22)
        for _ in 1...ticks {
            ReplayFixture.randomMoves(for: world, using: &rng)
            world.step()
            try writer.record(world)
        }
        _ = try writer.finish()
        return try ReplayFixture.formatThree([UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))).count
    }

    @Test func recordingsWithoutTasksAreVersionTwoRecordsUnderAVersionThreeHeader() throws {
        var bytes = try ReplayFixture.formatThree(try ReplayFixture.shortReplay())
        let current = try Replay.decode(bytes, file: "v3.replay")
        #expect(current.version == 3 && !current.recordsTasks && current.taskNames.isEmpty)
        #expect(current.frame(at: 20).tasks == nil)
        // The same bytes under a version 2 header are a format 2 file: nothing was added.
        bytes[8] = 2
        ReplayFixture.fixChecksum(&bytes)
        let older = try Replay.decode(bytes, file: "v2.replay")
        #expect(older.version == 2 && !older.recordsTasks)
        for tick in [0, 7, 20] {
            #expect(older.frame(at: tick) == current.frame(at: tick))
        }
    }

    @Test func formatOneFixtureHasNoTasks() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/format1-small.replay").path
        let replay = try Replay.load(path: fixture)
        #expect(replay.version == 1 && !replay.recordsTasks && replay.taskNames.isEmpty)
        #expect(replay.frame(at: 40).tasks == nil)
    }

    @Test func theWriterRefusesTasksItCannotStore() throws {
        let world = ReplayFixture.twoPlayerWorld(seed: 3)
        let path = ReplayFixture.temporaryPath()
        defer { ReplayFixture.discard(path) }
        let writer = try ReplayWriter(path: path, world: world, tasks: ReplayTasks(names: ["a"], playerCount: 2))
        world.step()
        let refusals: [(ReplayTasks?, String)] = [
            (nil, "no tasks given at tick 1, but the recording was started with tasks"),
            (ReplayTasks(names: ["a"], labels: [0, 1], progress: [0, 0]), "tick 1: player 1's task label 1 is outside the 1 task names"),
            (ReplayTasks(names: ["a"], labels: [0, 0], progress: [0, .nan]), "tick 1: player 1's task progress nan is outside 0...1"),
            (ReplayTasks(names: ["a"], labels: [0, 0], progress: [1.5, 0]), "tick 1: player 0's task progress 1.5 is outside 0...1"),
            (ReplayTasks(names: ["a"], playerCount: 3), "tick 1: tasks are given for 3 labels and 3 progress values, but the replay has 2 players"),
            (ReplayTasks(names: ["b"], playerCount: 2), "tick 1: the task names differ from the 1 the recording started with"),
        ]
        for (tasks, message) in refusals {
            let error = #expect(throws: ReplayError.self) { try writer.record(world, tasks: tasks) }
            #expect(error == ReplayError(file: path, message: message))
        }
        try writer.record(world, tasks: ReplayTasks(names: ["a"], playerCount: 2))
        _ = try writer.finish()

        let plainPath = ReplayFixture.temporaryPath()
        defer { ReplayFixture.discard(plainPath) }
        let plainWorld = ReplayFixture.twoPlayerWorld(seed: 3)
        let plain = try ReplayWriter(path: plainPath, world: plainWorld)
        plainWorld.step()
        let error = #expect(throws: ReplayError.self) { try plain.record(plainWorld, tasks: ReplayTasks(names: ["a"], playerCount: 2)) }
        #expect(error?.message == "tasks given at tick 1, but the recording was started without tasks")
    }
}
