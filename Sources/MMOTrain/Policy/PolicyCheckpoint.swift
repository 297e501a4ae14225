import Foundation
import MMOCore
import MMOEnv
import MMONet

/// Saving a `PolicyNetwork` (with, for a trainer, Adam's state and the trainer's own state) as a
/// safetensors checkpoint, and loading one for an environment: the checkpoint's sizes rebuild the
/// network, and it is refused, with what differs, unless the environment's observation inputs and
/// action heads are the ones it was trained on.
public enum PolicyCheckpoint {
    /// What the network reads from the observation (segment shapes) and writes (heads and sizes).
    public static let inputsKey = "gridmmo.policy_inputs"
    public static let actionsKey = "gridmmo.action_layout"

    /// The segments the network reads, with their shapes, as JSON.
    public static func inputs(of layout: ObservationLayout) -> String {
        let names = ["self", "skills", "tiles", "entities", "inventory", "equipment", "market"]
        let segments = names.map { name -> String in
            let shape = layout.segment(named: name).map { $0.shape.map(String.init).joined(separator: ", ") } ?? ""
            return "{\"name\": \"\(name)\", \"shape\": [\(shape)]}"
        }
        return "[" + segments.joined(separator: ", ") + "]"
    }

    /// Every action head's name and option count, as JSON.
    public static func actions(of layout: ActionLayout) -> String {
        "[" + layout.heads.map { "{\"name\": \"\($0.name)\", \"size\": \($0.size)}" }.joined(separator: ", ") + "]"
    }

    /// Writes `network` (and `adam`, and `trainerState` JSON, when given) to `path` atomically.
    public static func save(_ network: PolicyNetwork, adam: Adam?, layout: ObservationLayout, config: Config, trainerState: String?,
                            to path: String) throws(CheckpointError) {
        var metadata: [(String, String)] = [
            (Checkpoint.Key.policy, network.sizes.json),
            (inputsKey, inputs(of: layout)),
            (actionsKey, actions(of: network.actionLayout)),
            (Checkpoint.Key.observationLayout, layout.json),
            (Checkpoint.Key.config, String(decoding: ConfigFile.json(config), as: UTF8.self)),
        ]
        if let trainerState { metadata.append((Checkpoint.Key.trainerState, trainerState)) }
        try Checkpoint.save(parameters: network.parameters, adam: adam, metadata: metadata, to: path)
    }

    /// The network stored at `path`, rebuilt for an environment with these layouts. Throws a
    /// `CheckpointError` naming the file and what differs when it does not fit.
    public static func load(path: String, layout: ObservationLayout, actionLayout: ActionLayout, config: Config) throws(CheckpointError)
        -> (network: PolicyNetwork, checkpoint: Checkpoint) {
        let checkpoint = try Checkpoint.load(from: path)
        try checkpoint.requireMatching(key: inputsKey, expected: inputs(of: layout))
        try checkpoint.requireMatching(key: actionsKey, expected: actions(of: actionLayout))
        guard let sizesText = checkpoint.metadata[Checkpoint.Key.policy] else {
            throw CheckpointError(path: path, message: "has no '\(Checkpoint.Key.policy)' metadata: it is not a GridMMO policy")
        }
        let sizes: PolicyConfig
        do {
            sizes = try PolicyConfig(json: sizesText)
        } catch {
            throw CheckpointError(path: path, message: "'\(Checkpoint.Key.policy)' metadata: \(error)")
        }
        let side = layout.segment(named: "tiles")?.shape.first ?? 0
        guard sizes.tileKernel <= side else {
            throw CheckpointError(path: path, message: "'\(Checkpoint.Key.policy)' metadata: tile_kernel \(sizes.tileKernel) is larger than the \(side)-tile window")
        }
        let network = PolicyNetwork(sizes: sizes, layout: layout, actionLayout: actionLayout, config: config, seed: 0)
        try checkpoint.restore(into: network.parameters, adam: nil)
        return (network, checkpoint)
    }
}
