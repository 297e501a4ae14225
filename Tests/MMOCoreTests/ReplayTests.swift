import Foundation
import Testing
@testable import MMOCore

/// Recording episodes and reading them back: exact frames, seeking, size and atomic writing.
struct ReplayTests {
    @Test func everyFrameEqualsTheRecordedWorld() throws {
        var config = Config.small
        // The test drives NPC slot 0 by hand, so the world spawns none of its own.
        config.npcs.spawnAttemptsPerTick = 0
        config.players.teams = 4
        let world = World(config: config, map: ReplayFixture.forageMap(config: config), seed: 11)
        let path = ReplayFixture.temporaryPath()
        defer { ReplayFixture.discard(path) }
        let writer = try ReplayWriter(path: path, world: world)
        var truth = [ReplayFixture.truth(of: world)]
        var rng = Rng(seed: 12)
        let npc = config.players.count
        for tick in 1...100 {
            ReplayFixture.randomMoves(for: world, using: &rng)
            world.step()
            // The world leaves NPC slots alone; drive one by hand through kind, team and the ends of
            // the ranges a replay allows.
            switch tick {
            case 10:
                world.entities.kind[npc] = .hostileNPC
                world.entities.alive[npc] = 1
                world.entities.row[npc] = 40
                world.entities.col[npc] = 41
                world.entities.health[npc] = Int32(config.npcs.maxHealth)
                world.entities.team[npc] = 3
            case 11:
                world.entities.health[npc] = 1
                world.entities.kind[npc] = .passiveNPC
            case 70:
                world.entities.alive[npc] = 0
                world.entities.health[npc] = 0
                world.entities.team[npc] = -1
            default: break
            }
            try writer.record(world)
            truth.append(ReplayFixture.truth(of: world))
        }
        let summary = try writer.finish()
        #expect(summary.tickCount == 101)

        let replay = try Replay.load(path: path)
        #expect(replay.version == 4)
        #expect(replay.config == config)
        #expect(replay.map == ReplayFixture.forageMap(config: config))
        #expect(replay.seed == 11)
        #expect(replay.tickCount == 101)
        #expect(replay.slotCount == config.players.count + config.npcs.count)
        for tick in 0...100 {
            let frame = replay.frame(at: tick)
            #expect(frame.tick == tick)
            #expect(frame.entities == truth[tick].entities, "entities at tick \(tick)")
            #expect(frame.materials == truth[tick].materials, "tiles at tick \(tick)")
            #expect(frame.events == truth[tick].events, "events at tick \(tick)")
        }
        for tick in [99, 3, 64, 65, 0, 100, 63, 1] {
            #expect(replay.frame(at: tick) == truth[tick], "seeking to tick \(tick)")
        }

        // The episode exercised what the format has to carry.
        let events = truth.flatMap(\.events)
        for kind in [EventKind.spawn, .goFarthest, .eatFood, .drinkWater, .death] {
            #expect(events.contains { $0.kind == kind }, "no \(kind.name) event")
        }
        let regrown = (1...100).contains { tick in
            zip(truth[tick - 1].materials, truth[tick].materials).contains {
                $0 == Material.scrub.rawValue && $1 == Material.foilage.rawValue
            }
        }
        #expect(regrown, "no Foilage grew back")
        #expect(truth[100].entities[npc].kind == .passiveNPC && truth[100].entities[npc].health == 0 && !truth[100].entities[npc].alive)
    }

    @Test func defaultEpisodeFitsInTwoMegabytes() throws {
        var config = Config.default
        config.vitals.maxFood = 10_000
        config.vitals.maxWater = 10_000
        // NPCs roam (and are recorded) but deal no damage, so every player lives the whole episode.
        config.npcs.offensePerLevel = 0
        config.npcs.offenseBase = 0
        config.episode.horizon = 1024
        let world = World(config: config, map: ReplayFixture.forageMap(config: config), seed: 21)
        let path = ReplayFixture.temporaryPath()
        defer { ReplayFixture.discard(path) }
        let writer = try ReplayWriter(path: path, world: world)
        var rng = Rng(seed: 22)
        while !world.isOver {
            ReplayFixture.randomMoves(for: world, using: &rng)
            world.step()
            try writer.record(world)
        }
        let summary = try writer.finish()
        #expect(world.tick == 1024)
        #expect(world.livingPlayers == 128)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        #expect(size == summary.byteCount)
        print("default episode replay: \(summary.byteCount) bytes for \(summary.tickCount) tick records")
        #expect(summary.byteCount <= 2_000_000)

        let replay = try Replay.load(path: path)
        #expect(replay.frame(at: 1024) == ReplayFixture.truth(of: world))
    }

    @Test func theFinalPathAppearsOnlyWhenFinished() throws {
        let config = Config.small
        let world = World(config: config, map: HandMadeMap.make(config: config), seed: 3)
        let path = ReplayFixture.temporaryPath()
        defer { ReplayFixture.discard(path) }
        let writer = try ReplayWriter(path: path, world: world)
        let temporary = writer.temporaryPath
        #expect(ReplayFixture.exists(temporary))
        #expect(!ReplayFixture.exists(path))
        world.step()
        try writer.record(world)
        #expect(ReplayFixture.exists(temporary))
        #expect(!ReplayFixture.exists(path))
        let summary = try writer.finish()
        #expect(ReplayFixture.exists(path))
        #expect(!ReplayFixture.exists(temporary))
        #expect(summary == ReplaySummary(path: path, tickCount: 2, byteCount: summary.byteCount, checksum: summary.checksum))
        #expect(try Replay.load(path: path).tickCount == 2)
    }

    @Test func anUnfinishedWriterDeletesItsTemporaryFile() throws {
        let config = Config.small
        let world = World(config: config, map: HandMadeMap.make(config: config), seed: 3)
        let path = ReplayFixture.temporaryPath()
        defer { ReplayFixture.discard(path) }
        func recordWithoutFinishing() throws -> String {
            let writer = try ReplayWriter(path: path, world: world)
            world.step()
            try writer.record(world)
            #expect(ReplayFixture.exists(writer.temporaryPath))
            return writer.temporaryPath
        }
        let temporary = try recordWithoutFinishing()
        #expect(!ReplayFixture.exists(temporary))
        #expect(!ReplayFixture.exists(path))
    }

    @Test func writerRejectsMisuse() throws {
        let config = Config.small
        let world = World(config: config, map: HandMadeMap.make(config: config), seed: 3)
        let path = ReplayFixture.temporaryPath()
        defer { ReplayFixture.discard(path) }
        let writer = try ReplayWriter(path: path, world: world)
        world.step()
        world.step()
        let skipped = #expect(throws: ReplayError.self) { try writer.record(world) }
        #expect(skipped?.message.contains("expected tick 1, got tick 2") == true)

        let late = #expect(throws: ReplayError.self) { try ReplayWriter(path: path + ".late", world: world) }
        #expect(late?.message.contains("right after reset") == true)

        _ = try writer.finish()
        let finished = #expect(throws: ReplayError.self) { try writer.finish() }
        #expect(finished?.message.contains("already finished") == true)

        let nowhere = "/nonexistent-gridmmo-directory/episode.replay"
        let unwritable = #expect(throws: ReplayError.self) { try ReplayWriter(path: nowhere, world: World(config: config, map: HandMadeMap.make(config: config), seed: 3)) }
        #expect(unwritable?.description == nowhere + ": cannot be written: No such file or directory")
    }
}
