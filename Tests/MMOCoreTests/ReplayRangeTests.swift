import Foundation
import Testing
@testable import MMOCore

/// A replay whose checksum is valid (a crafted file, or a buggy writer's) but whose values cannot
/// happen is refused with the value, its place and its allowed range: positions on the map, vitals
/// within their maxima, teams, ids within their tables, equipment within the inventory.
struct ReplayRangeTests {
    /// The small preset the fixture records: 64 players and 32 NPC slots on a 64x64 map, 12
    /// inventory slots, levels up to 10, prices up to 99, vitals up to 100, no teams.
    private static let config = Config.small
    private static let firstNPC = 64
    private static let hat = ReplayDetails.equipmentStart + EquipmentSlot.hat.rawValue
    private static let firstItem = ReplayDetails.itemColumnsStart

    /// Loads the fixture with its first record changed, in format 4 and in format 3; both must
    /// fail with `message` after the file's name.
    private func expectRefusal(_ message: String, _ change: (inout FirstRecordRewrite) -> Void) throws {
        let crafted = try FirstRecordRewrite.rewriting(try ReplayFixture.shortReplay(), change)
        for bytes in [crafted, try ReplayFixture.formatThree(crafted)] {
            let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
            #expect(error?.description == "\(path): corrupt tick record 0: \(message)")
        }
    }

    @Test func theRewriteAloneKeepsTheFileValid() throws {
        let crafted = try FirstRecordRewrite.rewriting(try ReplayFixture.shortReplay()) { _ in }
        #expect(try ReplayFixture.loadError(ofFileWith: crafted).error == nil)
    }

    @Test func positionsMustLieOnTheMap() throws {
        try expectRefusal("row of slot 0 is 64, outside 0...63") { $0.entities[0][FirstRecordRewrite.row] = 64 }
        try expectRefusal("col of slot 1 is -1, outside 0...63") { $0.entities[1][FirstRecordRewrite.col] = -1 }
        try expectRefusal("row of slot 70 is 2000000, outside 0...63") { $0.entities[70][FirstRecordRewrite.row] = 2_000_000 }
    }

    @Test func vitalsMustStayWithinTheirMaxima() throws {
        try expectRefusal("health of slot 0 is 101, outside 0...100") { $0.entities[0][FirstRecordRewrite.health] = 101 }
        try expectRefusal("food of slot 3 is 101, outside 0...100") { $0.entities[3][FirstRecordRewrite.food] = 101 }
        try expectRefusal("water of slot 5 is -1, outside 0...100") { $0.entities[5][FirstRecordRewrite.water] = -1 }
        try expectRefusal("health of slot \(Self.firstNPC) is \(Self.config.npcs.maxHealth + 1), outside 0...\(Self.config.npcs.maxHealth)") {
            $0.entities[Self.firstNPC][FirstRecordRewrite.health] = Int64(Self.config.npcs.maxHealth + 1)
        }
    }

    @Test func teamsMustExist() throws {
        try expectRefusal("team of slot 2 is 0, outside -1...-1") { $0.entities[2][FirstRecordRewrite.team] = 0 }
    }

    @Test func equipmentMustPointIntoTheInventory() throws {
        try expectRefusal("inventory slot equipped as hat of slot 0 is 12, outside -1...11") { $0.details[Self.hat] = 12 }
        try expectRefusal("inventory slot equipped as hat of slot 1 is -2, outside -1...11") { $0.details[71 + Self.hat] = -2 }
    }

    @Test func itemsMustBeKnownAndWithinTheirLimits() throws {
        try expectRefusal("item kind in inventory slot 0 of slot 0 is 1, which is no item kind (0 for none, 2...17)") { $0.details[Self.firstItem] = 1 }
        try expectRefusal("item kind in inventory slot 11 of slot 0 is 18, which is no item kind (0 for none, 2...17)") { $0.details[Self.firstItem + 44] = 18 }
        try expectRefusal("item level in inventory slot 0 of slot 0 is 11, outside 0...10") { $0.details[Self.firstItem + 1] = 11 }
        try expectRefusal("item quantity in inventory slot 0 of slot 0 is -5, outside 0...2147483647") { $0.details[Self.firstItem + 2] = -5 }
        try expectRefusal("item price in inventory slot 0 of slot 0 is 100, outside 0...99") { $0.details[Self.firstItem + 3] = 100 }
    }

    @Test func levelsGoldAndExperienceMustBeInRange() throws {
        try expectRefusal("gold of slot 0 is -1, outside 0...2147483647") { $0.details[0] = -1 }
        try expectRefusal("level of slot 0 is 11, outside 0...10") { $0.details[1] = 11 }
        try expectRefusal("mage level of slot 0 is 11, outside 0...10") { $0.details[ReplayDetails.skillLevelsStart + Skill.mage.rawValue] = 11 }
        try expectRefusal("alchemy experience of slot 0 is -3, outside 0...2147483647") { $0.details[ReplayDetails.experienceStart + Skill.alchemy.rawValue] = -3 }
    }

    @Test func eventsMustNameSlots() throws {
        try expectRefusal("event 0's entity is 96, outside the slots 0...95") { $0.events[0][FirstRecordRewrite.eventEntity] = 96 }
        try expectRefusal("event 0's entity is -1, outside the slots 0...95") { $0.events[0][FirstRecordRewrite.eventEntity] = Int64(UInt32.max) }
        try expectRefusal("event 1's target is 96, outside -1...95") { $0.events[1][FirstRecordRewrite.eventTarget] = 96 }
    }

    @Test func aDeltaRecordFromABuggyWriterIsCheckedToo() throws {
        let config = Self.config
        let world = World(config: config, map: ReplayFixture.forageMap(config: config), seed: 5)
        let path = ReplayFixture.temporaryPath()
        defer { ReplayFixture.discard(path) }
        let writer = try ReplayWriter(path: path, world: world)
        for tick in 1...3 {
            world.step()
            if tick == 3 { world.entities.row[0] = 500 }
            try writer.record(world)
        }
        _ = try writer.finish()
        let error = #expect(throws: ReplayError.self) { try Replay.load(path: path) }
        #expect(error?.description == "\(path): corrupt tick record 3: row of slot 0 is 500, outside 0...63")
    }

    @Test func moreTicksThanTheEpisodeCanHaveAreRefused() throws {
        var bytes = try ReplayFixture.shortReplay()
        let pattern = Array("\"horizon\" : 128".utf8)
        let start = try #require((0...(bytes.count - pattern.count)).first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) })
        bytes.replaceSubrange((start + pattern.count - 3)..<(start + pattern.count), with: Array("  5".utf8))
        ReplayFixture.fixChecksum(&bytes)
        let (path, error) = try ReplayFixture.loadError(ofFileWith: bytes)
        #expect(error?.description == "\(path): corrupt tick index: 21 tick records, more than the 6 of an episode of horizon 5")
    }
}
