import Foundation
import ArgumentParser
import MMOCore
import MMOTasks

/// `--maps`: play on a directory of `.npy` maps, or on maps generated in memory.
struct MapOptions: ParsableArguments {
    @Option(help: "Directory of .npy maps (with manifest.json), e.g. maps/train. Without it, maps are generated in memory.")
    var maps: String?

    @Option(parsing: .unconditional, help: "How many maps to generate in memory when --maps is not given.")
    var generatedMaps: Int = 4

    /// The map pool for `config`, seeded by `seed` when generated.
    func load(config: Config, seed: UInt64) throws -> [GameMap] {
        if let directory = maps {
            do {
                return try MapSet.load(directory: directory, config: config).maps
            } catch {
                throw ValidationError("--maps \(error.description)")
            }
        }
        guard generatedMaps >= 1 && generatedMaps <= 4096 else {
            throw ValidationError("--generated-maps must be in 1...4096, got \(generatedMaps)")
        }
        return (0..<generatedMaps).map { TerrainGenerator.generate(config: config, seed: seed &+ UInt64($0)) }
    }
}

/// `--curriculum`: deal tasks from a curriculum file and reward their progress.
struct CurriculumOptions: ParsableArguments {
    @Option(help: "Curriculum file (e.g. curricula/train.json): agents are dealt tasks and rewarded for progress.")
    var curriculum: String?

    @Flag(inversion: .prefixedNo, help: "With a curriculum: carry each agent's task embedding in its observation (without it, only the task index and progress).")
    var taskEmbedding = true

    /// The curriculum, if one was named; errors name the flag and the file's problem.
    func load() throws -> Curriculum? {
        guard let path = curriculum else { return nil }
        do {
            return try CurriculumFile.load(path: path)
        } catch {
            throw ValidationError("--curriculum \(error.description)")
        }
    }
}

/// `--envs`, `--seed`, `--threads`: the shape of a batched run.
struct BatchOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Environments stepped together.")
    var envs: Int = 8

    @Option(parsing: .unconditional, help: "Base seed; environment i uses seed + i.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Worker threads (default: the number of cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard (1...65536).contains(envs) else { throw ValidationError("--envs must be in 1...65536, got \(envs)") }
        guard (1...1024).contains(threads) else { throw ValidationError("--threads must be in 1...1024, got \(threads)") }
    }
}
