import ArgumentParser
import Foundation
import MMOCore
import MMOTasks

/// `gridmmo tasks`: list, show, validate and sample curriculum files, and regenerate the shipped ones.
struct Tasks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, show, validate, sample and generate task curricula.",
        subcommands: [List.self, Show.self, Validate.self, Sample.self, Generate.self]
    )

    /// The curriculum file used when none is given.
    static let defaultFile = "curricula/train.json"

    /// Loads a curriculum file, turning its error into a one-line message.
    static func load(_ file: String) throws -> Curriculum {
        do {
            return try CurriculumFile.load(path: file)
        } catch {
            throw ValidationError(error.description)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one line per task: index, name, tags, weight.")
        @Argument(help: "A curriculum file.") var file: String = Tasks.defaultFile

        func run() throws {
            for (index, spec) in try Tasks.load(file).specs.enumerated() {
                print("\(index)  \(spec.name)  [\(spec.tags.joined(separator: ","))]  \(spec.weight)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a task's spec as JSON and the first values of its embedding.")
        @Argument(help: "A curriculum file.") var file: String
        @Argument(help: "The task's name.") var name: String

        func run() throws {
            guard let spec = try Tasks.load(file).specs.first(where: { $0.name == name }) else {
                throw ValidationError("\(file): no task named '\(name)'")
            }
            print(CurriculumFile.taskText(spec))
            let embedding = TaskEmbedding.embed(spec)
            print("embedding[0..<16]: " + embedding.prefix(16).map { String(format: "%.4f", $0) }.joined(separator: " "))
            let nonZero = embedding.enumerated().filter { $0.element != 0 }
            print("non-zero of \(TaskEmbedding.dimension) (\(nonZero.count)): "
                + nonZero.prefix(12).map { "[\($0.offset)] \(String(format: "%.4f", $0.element))" }.joined(separator: ", "))
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a curriculum file; exits non-zero with the problem.")
        @Argument(help: "A curriculum file.") var file: String = Tasks.defaultFile

        func run() throws {
            let curriculum = try Tasks.load(file)
            print("\(file): ok (\(curriculum.specs.count) tasks)")
        }
    }

    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Draw tasks with probability proportional to their weights (deterministic per seed).")
        @Argument(help: "A curriculum file.") var file: String = Tasks.defaultFile
        @Option(parsing: .unconditional, help: "Number of draws.") var count: Int = 10
        @Option(parsing: .unconditional, help: "Random seed.") var seed: UInt64 = 0

        func validate() throws {
            guard (1...1_000_000).contains(count) else { throw ValidationError("--count must be in 1...1000000, got \(count)") }
        }

        /// The drawn tasks' indices and names, in draw order.
        func draws() throws -> [(index: Int, name: String)] {
            let curriculum = try Tasks.load(file)
            var rng = Rng(seed: seed)
            return (0..<count).map { _ in
                let index = curriculum.sampleIndex(using: &rng)
                return (index, curriculum.specs[index].name)
            }
        }

        func run() throws {
            for draw in try draws() {
                print("\(draw.index)  \(draw.name)")
            }
        }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the shipped curricula (train.json, eval_heldout.json, eval_sample.json).")
        @Option(help: "Output directory (created if missing).") var out: String = "curricula"

        func run() throws {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw ValidationError("--out \(out): cannot be created: \(error.localizedDescription)")
            }
            let files = ShippedCurricula.files.map { ((out as NSString).appendingPathComponent($0.name), $0.curriculum) }
            do {
                for (path, _) in files { try AtomicFile.requireReplaceable(path) }
            } catch {
                throw ValidationError("--out \(error.description)")
            }
            for (path, curriculum) in files {
                do {
                    try CurriculumFile.write(curriculum, path: path)
                } catch {
                    throw ValidationError("--out \(error.description)")
                }
                print("wrote \(curriculum.specs.count) tasks to \(path)")
            }
        }
    }
}
