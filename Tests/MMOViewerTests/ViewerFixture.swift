import Foundation
import Testing
@testable import MMOCore
import MMOViewer

/// The replay the golden images show, committed as `Golden/fixture.replay` so that the images do
/// not change when the world's rules do. `GRIDMMO_UPDATE_FIXTURE=1 swift test --traits Viewer`
/// writes it again from `record(to:)` (then regenerate the goldens with `GRIDMMO_UPDATE_GOLDEN=1`).
///
/// The episode: the small map size with 16 players in 4 teams on a hand-made map showing every
/// material, the 4 NPCs the world spawns moved by hand next to player 1, and the death fog from
/// tick 8; players walk towards the middle, stopping every third tick, and SCORE_HIT events of all
/// three styles are appended by hand at ticks 4...9. The committed file was recorded under the
/// rules of its day; recording it again under newer rules gives a different episode, so update
/// the golden images with it.
enum ViewerFixture {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path
    static let replayPath = goldenDirectory + "/fixture.replay"
    static let ticks = 24

    /// The committed fixture (recorded first when `GRIDMMO_UPDATE_FIXTURE=1`).
    static func replay() throws -> Replay {
        try loaded.get()
    }

    /// Loaded once per test process, so that tests running in parallel record it at most once.
    private static let loaded = Result { () throws -> Replay in
        if ProcessInfo.processInfo.environment["GRIDMMO_UPDATE_FIXTURE"] == "1" {
            try record(to: replayPath)
        }
        return try Replay.load(path: replayPath)
    }

    static var config: Config {
        var config = Config.small
        config.players.count = 16
        config.players.teams = 4
        config.npcs.count = 4
        config.episode.horizon = ticks
        config.deathFog.enabled = true
        config.deathFog.onset = 8
        config.deathFog.damage = 4
        return config
    }

    static func map(config: Config) -> GameMap {
        var overrides: [(row: Int, col: Int, material: Material)] = []
        let low = config.map.playableMin, high = config.map.playableMax
        for row in (low + 2)...(high - 2) {
            for col in (low + 2)...(high - 2) {
                let material: Material?
                switch (row * 5 + col * 3) % 29 {
                case 0: material = .water
                case 1: material = .foilage
                case 2: material = .tree
                case 3: material = .ore
                case 4: material = .crystal
                case 5: material = .herb
                case 6: material = .stone
                case 7: material = .scrub
                default: material = nil
                }
                if let material { overrides.append((row, col, material)) }
            }
        }
        for col in 24...29 {
            overrides.append((30, col, .ocean))
            overrides.append((31, col, col % 2 == 0 ? .fish : .ocean))
        }
        for (offset, material) in [Material.slag, .stump, .fragment, .weeds].enumerated() {
            overrides.append((34, 34 + offset, material))
        }
        return HandMadeMap.make(config: config, overrides: overrides)
    }

    /// Plays and records the fixture episode.
    static func record(to path: String) throws {
        let config = config
        let world = World(config: config, map: map(config: config), seed: 7)
        let entities = world.entities
        let kinds: [EntityKind] = [.passiveNPC, .neutralNPC, .hostileNPC, .hostileNPC]
        let npcRow = Int(entities.row[0]) + 2, npcCol = Int(entities.col[0]) + 2
        /// Puts the living NPCs next to player 1, keeping the world's tile occupancy in step.
        func placeNPCs(tick: Int) {
            for index in kinds.indices where entities.alive[config.players.count + index] != 0 {
                let slot = config.players.count + index
                let tiles = world.tiles
                tiles.removeOccupant(slot, at: tiles.index(row: Int(entities.row[slot]), col: Int(entities.col[slot])), links: entities.nextOnTile)
                entities.kind[slot] = kinds[index]
                entities.row[slot] = Int32(npcRow + index)
                entities.col[slot] = Int32(npcCol + (tick / 3 + index) % 3)
                tiles.addOccupant(slot, at: tiles.index(row: Int(entities.row[slot]), col: Int(entities.col[slot])), links: entities.nextOnTile)
            }
        }
        placeNPCs(tick: 0)
        let middle = Int32(config.map.middle)
        let writer = try ReplayWriter(path: path, world: world)
        for tick in 1...ticks {
            for slot in 0..<config.players.count {
                let dRow = middle - entities.row[slot], dCol = middle - entities.col[slot]
                let direction: Direction = abs(dRow) >= abs(dCol) ? (dRow > 0 ? .south : .north) : (dCol > 0 ? .east : .west)
                world.moves[slot] = (tick + slot) % 3 == 0 || (dRow == 0 && dCol == 0) ? Direction.stay.rawValue : direction.rawValue
            }
            world.step()
            placeNPCs(tick: tick)
            if (4...9).contains(tick) {
                for (attacker, target) in [(0, 1), (4, 5), (8, 9)] where entities.alive[attacker] != 0 {
                    world.record(.scoreHit, slot: attacker, type: Int16((attacker / 4 + tick) % 3), target: Int32(target))
                }
                world.record(.scoreHit, slot: config.players.count + 2, type: 0, target: 0)
            }
            try writer.record(world)
        }
        let summary = try writer.finish()
        #expect(summary.tickCount == ticks + 1, "the fixture replay should hold ticks 0...\(ticks)")
    }
}
