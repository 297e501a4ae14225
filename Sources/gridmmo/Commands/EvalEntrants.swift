import ArgumentParser
import Foundation
import MMOCore
import MMOEnv
import MMOEval
import MMOTasks
import MMOTrain

/// Turns `--entrant` specs into entrants ready to play: scripted agents by name, checkpoints loaded
/// (and checked against the evaluation's observation and action layouts) once, before any game.
enum EvalEntrants {
    /// The parsed specs; errors name `--entrant` and the value.
    static func specs(_ texts: [String]) throws -> [EntrantSpec] {
        guard !texts.isEmpty else { throw ValidationError("--entrant: \(EvaluationError.noEntrants), e.g. --entrant random --entrant mine=runs/x/checkpoint.safetensors") }
        var specs: [EntrantSpec] = []
        for text in texts {
            do {
                let spec = try EntrantSpec(parsing: text)
                if specs.contains(where: { $0.name == spec.name }) { throw EvaluationError.duplicateEntrant(spec.name) }
                specs.append(spec)
            } catch {
                throw ValidationError("--entrant \(text.excerpt()): \(error)")
            }
        }
        return specs
    }

    /// The entrant of `spec` for worlds of `config` with `curriculum`'s tasks.
    static func resolve(_ spec: EntrantSpec, config: Config, curriculum: Curriculum) throws -> Entrant {
        switch spec.source {
        case .scripted(let agent):
            return Entrant.scripted(name: spec.name, agent: agent)
        case .checkpoint(let path):
            let layout = ObservationLayout(config: config, tasks: true, taskEmbeddingDimension: 0)
            let network: SharedNetwork
            do {
                network = SharedNetwork(try PolicyCheckpoint.load(path: path, layout: layout, actionLayout: ActionLayout(config: config), config: config).network)
            } catch {
                throw ValidationError("--entrant \(spec.name)=\(path): \(error.description) (a checkpoint written by gridmmo train for these rules)")
            }
            let bytes = FileManager.default.contents(atPath: path) ?? Data()
            let digest = bytes.withUnsafeBytes { FNV1a.hash($0) }
            return Entrant(spec: spec, fingerprint: "fnv1a:" + String(digest, radix: 16)) { env, seed in
                LearnedPolicy(network: network.network, env: env, seed: seed)
            }
        }
    }
}

/// A loaded network shared by the batches of one evaluation, which use it one after another.
private final class SharedNetwork: @unchecked Sendable {
    let network: PolicyNetwork
    init(_ network: PolicyNetwork) { self.network = network }
}
