import ArgumentParser
import MMOCore

/// `gridmmo replay info`: validate a replay and summarise what it holds.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Inspect replay files.",
        subcommands: [Info.self]
    )

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate a replay and print its header, population over time, event counts and, when recorded, its tasks.")
        @Argument(help: "A .replay file written by gridmmo.") var file: String

        func run() throws {
            let replay: Replay
            do {
                replay = try Replay.load(path: file)
            } catch {
                throw ValidationError(error.description)
            }
            let config = replay.config
            print("\(file): GridMMO replay format v\(replay.version), checksum ok")
            print("  seed \(replay.seed), map \(replay.map.size)x\(replay.map.size), \(config.players.count) players, \(config.npcs.count) NPC slots, horizon \(config.episode.horizon)")
            print("  \(replay.tickCount) tick records (ticks 0...\(replay.tickCount - 1))")

            var counts = [Int](repeating: 0, count: 256)
            var population: [(tick: Int, alive: Int)] = []
            let sampleEvery = max(1, (replay.tickCount - 1) / 8)
            for tick in 0..<replay.tickCount {
                let frame = replay.frame(at: tick)
                for event in frame.events { counts[Int(event.kind.rawValue)] += 1 }
                if tick % sampleEvery == 0 || tick == replay.tickCount - 1 {
                    population.append((tick, frame.entities.prefix(config.players.count).filter(\.alive).count))
                }
            }
            print("  players alive: " + population.map { "t\($0.tick)=\($0.alive)" }.joined(separator: " "))
            let listed = EventKind.allCases.filter { counts[Int($0.rawValue)] > 0 }
            print("  events: " + listed.map { "\($0.name) \(counts[Int($0.rawValue)])" }.joined(separator: ", "))
            if let tasks = replay.frame(at: replay.tickCount - 1).tasks {
                print("  tasks: \(replay.taskNames.count) distinct dealt, \(tasks.completedCount) of \(tasks.labels.count) agents at progress 1 by tick \(replay.tickCount - 1)")
            }
        }
    }
}
