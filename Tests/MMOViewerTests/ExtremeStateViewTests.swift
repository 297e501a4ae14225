import Foundation
@testable import MMOCore
import MMOViewer
import Testing

/// Every state the replay reader lets through renders: a replay whose values sit at the ends of
/// their allowed ranges (positions in the map's corners, full vitals and zero health, the last
/// team, the largest gold, experience, levels, quantities and prices, every inventory slot full
/// and equipped from the last one, events with extreme arguments, a long task name) loads, and
/// the viewer draws it at every zoom level with either corner's entity selected and followed.
struct ExtremeStateViewTests {
    private static let config: Config = {
        var config = Config.small
        config.players.count = 8
        config.players.teams = 4
        config.npcs.count = 2
        return config
    }()

    /// Records two ordinary ticks, then a third with every extreme written into the world.
    private static func extremeReplay(at path: String) throws {
        let config = config
        let world = World(config: config, map: HandMadeMap.make(config: config), seed: 4)
        let entities = world.entities, inventory = world.inventory
        let last = config.map.size - 1, maxLevel = Int32(config.progression.maxLevel)
        var tasks = ReplayTasks(names: ["t", String(repeating: "very_long_task_name_", count: 40)], playerCount: config.players.count)
        let writer = try ReplayWriter(path: path, world: world, tasks: tasks)
        for tick in 1...2 {
            world.step()
            if tick == 2 {
                for (slot, corner) in [(0, (last, last)), (1, (0, 0)), (config.players.count, (last, 0)), (config.players.count + 1, (0, last))] {
                    entities.alive[slot] = 1
                    entities.row[slot] = Int32(corner.0)
                    entities.col[slot] = Int32(corner.1)
                }
                entities.kind[config.players.count] = .hostileNPC
                entities.kind[config.players.count + 1] = .passiveNPC
                entities.health[config.players.count] = Int32(config.npcs.maxHealth)
                entities.health[0] = Int32(config.vitals.maxHealth)
                entities.food[0] = Int32(config.vitals.maxFood)
                entities.water[0] = Int32(config.vitals.maxWater)
                entities.health[1] = 0
                entities.team[0] = Int32(config.players.teams - 1)
                entities.gold[0] = .max
                for skill in 0..<Skill.count {
                    entities.skillLevel[skill] = maxLevel
                    entities.experience[skill] = .max
                }
                for slot in 0..<inventory.slots {
                    inventory.kind[slot] = ItemKind.allCases.map(\.rawValue).max()!
                    inventory.level[slot] = maxLevel
                    inventory.quantity[slot] = .max
                    inventory.price[slot] = Int32(config.exchange.maxPrice)
                }
                for equipmentSlot in 0..<EquipmentSlot.count { inventory.equipment[equipmentSlot] = Int32(inventory.slots - 1) }
                let lastSlot = entities.capacity - 1
                world.record(.scoreHit, slot: lastSlot, type: .max, level: .max, number: .max, gold: .max, target: Int32(lastSlot))
                world.record(.scoreHit, slot: 0, type: .min, level: .min, number: .min, gold: .min, target: -1)
                world.record(.death, slot: 1, type: .max, target: Int32(lastSlot))
                world.record(.playerKill, slot: lastSlot, type: .max, level: .max, target: 0)
                tasks.labels = [Int](repeating: 1, count: config.players.count)
                tasks.progress = [Float](repeating: 1, count: config.players.count)
            }
            try writer.record(world, tasks: tasks)
        }
        _ = try writer.finish()
    }

    @Test func theExtremesLoadAndRenderAtEveryZoom() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gridmmo-extreme-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.extremeReplay(at: directory + "/extreme.replay")
        let replay = try Replay.load(path: directory + "/extreme.replay")
        let frame = replay.frame(at: 2)
        #expect(frame.entities[0].row == 63 && frame.details.gold(0) == .max && frame.details.equipped(0, .held) == 11)
        #expect(frame.events.count >= 4)
        guard ReplayViewer.isAvailable else { return }
        for selected in [0, 1, Self.config.players.count, Self.config.players.count + 1] {
            for zoom in Camera.zoomLevels {
                var options = ViewerOptions()
                (options.width, options.height) = (400, 300)
                options.tileSize = zoom
                options.selected = selected
                options.follow = true
                options.overlays = Overlay(Overlay.named.map(\.overlay))
                let result = try ReplayViewer.exportFrames(replay, ticks: [0, 2], to: directory, options: options)
                #expect(result.paths.count == 2)
            }
        }
        try ReplayViewer.exportContactSheet(replay, ticks: [0, 1, 2], to: directory + "/sheet.png", cellWidth: 64, cellHeight: 64, options: ViewerOptions())
    }
}
