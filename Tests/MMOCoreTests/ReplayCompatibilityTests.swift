import Foundation
import Testing
@testable import MMOCore

/// Replays keep working across format versions, and version 2 and later record the game details.
struct ReplayCompatibilityTests {
    private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// `format1-small.replay` was written by the format 1 writer:
    /// `gridmmo simulate --preset small --envs 1 --ticks 40 --seed 5 --generated-maps 1 --replay FILE`.
    @Test func formatOneFilesStillLoad() throws {
        let replay = try Replay.load(path: fixtures.appendingPathComponent("format1-small.replay").path)
        #expect(replay.version == 1)
        #expect(replay.tickCount == 41)
        #expect(replay.config.map.size == 64)
        let frame = replay.frame(at: 40)
        #expect(!frame.details.isRecorded)
        #expect(frame.details.gold(0) == 0 && frame.details.item(0, 0) == nil)
        #expect(frame.entities.prefix(64).contains { $0.alive })
    }

    @Test func formatTwoAndLaterRecordGoldSkillsEquipmentAndInventory() throws {
        let world = ReplayFixture.twoPlayerWorld(seed: 4)
        let path = ReplayFixture.temporaryPath()
        defer { ReplayFixture.discard(path) }
        let writer = try ReplayWriter(path: path, world: world)
        world.inventory.add(.spear, level: 1, to: 0)
        world.inventory.add(.arrow, level: 2, quantity: 7, to: 0)
        world.inventory.equip(at: world.inventory.row(0, 0))
        world.entities.gold[1] = 9
        world.step()
        try writer.record(world)
        world.inventory.price[world.inventory.row(0, 1)] = 5
        world.inventory.listedUntil[world.inventory.row(0, 1)] = 100
        world.entities.experience[Skill.carving.rawValue] = 100
        world.entities.skillLevel[Skill.carving.rawValue] = 2
        world.step()
        try writer.record(world)
        _ = try writer.finish()

        let replay = try Replay.load(path: path)
        #expect(replay.version == 4)
        let first = replay.frame(at: 1).details
        #expect(first.isRecorded)
        #expect(first.gold(0) == 1 && first.gold(1) == 9)
        #expect(first.equipped(0, .held) == 0 && first.equipped(0, .hat) == nil)
        #expect(first.item(0, 0)?.kind == .spear)
        #expect(first.item(0, 1)?.kind == .arrow && first.item(0, 1)?.quantity == 7 && first.item(0, 1)?.level == 2)
        let second = replay.frame(at: 2).details
        #expect(second.item(0, 1)?.price == 5)
        #expect(second.skillLevel(0, .carving) == 2 && second.experience(0, .carving) == 100 && second.level(0) == 2)
        #expect(second.skillLevel(1, .carving) == 1)
    }
}
