import Foundation
@testable import MMOCore
import Testing

/// The replay the README's frame time is measured on: the default 160x160 map with its 256 entity
/// slots in use for 1024 ticks (128 random-walking players kept fed and alive, the world's 128
/// NPCs) and 8 more SCORE_HIT attack lines every tick. It exists only when asked for:
/// `GRIDMMO_CROWD_REPLAY=out/crowd.replay swift test --traits Viewer --filter CrowdReplay`, then
/// `gridmmo view out/crowd.replay --headless --out DIR` prints the median render time.
struct CrowdReplay {
    static let path = ProcessInfo.processInfo.environment["GRIDMMO_CROWD_REPLAY"]

    @Test(.enabled(if: path != nil)) func record() throws {
        var config = Config.default
        config.players.teams = 16
        let world = World(config: config, map: TerrainGenerator.generate(config: config, seed: 1), seed: 3)
        let entities = world.entities
        var rng = Rng(seed: 11)
        let writer = try ReplayWriter(path: try #require(Self.path), world: world)
        for _ in 0..<config.episode.horizon {
            for slot in 0..<config.players.count {
                world.moves[slot] = UInt8(rng.below(Direction.allCases.count))
                entities.food[slot] = 100
                entities.water[slot] = 100
            }
            world.step()
            for slot in 0..<config.players.count where entities.alive[slot] != 0 {
                entities.health[slot] = Int32(20 + rng.below(81))
            }
            for _ in 0..<8 {
                let attacker = rng.below(entities.capacity), target = rng.below(entities.capacity)
                world.record(.scoreHit, slot: attacker, type: Int16(rng.below(3)), target: Int32(target))
            }
            try writer.record(world)
        }
        _ = try writer.finish()
    }
}
