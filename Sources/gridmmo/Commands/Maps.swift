import ArgumentParser
import MMOCore

/// `gridmmo maps`: generate map sets and inspect map files.
struct Maps: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate and inspect .npy maps.",
        subcommands: [Generate.self, Info.self]
    )

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Generate N maps (map i from seed S + i) into a directory with a manifest.")
        @OptionGroup var options: ConfigOptions
        @Option(parsing: .unconditional, help: "Number of maps.") var count: Int
        @Option(parsing: .unconditional, help: "Seed of the first map.") var seed: UInt64
        @Option(help: "Output directory (created if missing).") var out: String

        func validate() throws {
            guard (1...100_000).contains(count) else { throw ValidationError("--count must be in 1...100000, got \(count)") }
            let largestSeed = UInt64.max - UInt64(count - 1)
            guard seed <= largestSeed else {
                throw ValidationError("--seed must be at most \(largestSeed) for --count \(count) (the last map's seed is --seed + --count - 1), got \(seed)")
            }
        }

        func run() throws {
            let config = try options.load()
            let set: MapSet
            do {
                set = try MapSet.generate(config: config, count: count, firstSeed: seed, directory: out)
            } catch {
                throw ValidationError("--out \(error.description)")
            }
            print("wrote \(set.maps.count) maps (\(config.map.size)x\(config.map.size), seeds \(seed)...\(seed + UInt64(count) - 1)) and manifest.json to \(out)")
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the size and material counts of a .npy map.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "A .npy map file.") var file: String

        func run() throws {
            let config = try options.load()
            let map: GameMap
            do {
                map = try MapFile.load(path: file, config: config)
            } catch {
                throw ValidationError(error.description)
            }
            print("\(file): \(map.size)x\(map.size)")
            for (material, count) in zip(Material.allCases, map.materialCounts) where count > 0 {
                print("  \(material.name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(count)")
            }
        }
    }
}
