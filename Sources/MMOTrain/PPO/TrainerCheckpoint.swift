import Foundation
import MMOCore
import MMONet

/// Saving and resuming a `Trainer`: the policy, Adam's moments and step, and the trainer's
/// counters (updates, agent-steps, wall time so far) in one checkpoint. A resumed run continues
/// the parameter, optimiser and learning-rate schedule exactly; its environments start new episodes.
/// A run trained under attack says so (`perturbation`, its description) and resumes only under the
/// same attack.
extension Trainer {
    /// The counters a checkpoint carries, and the attack it trained under, as JSON.
    public func stateJSON(elapsedSeconds: Double) -> String {
        "{\"updates\": \(updates), \"agent_steps\": \(agentSteps), \"elapsed_seconds\": \(String(format: "%.3f", elapsedSeconds)), "
            + "\"seed\": \(config.seed), \"environments\": \(config.environments)"
            + (perturbation.map { ", \"perturbation\": \"\($0.description)\"}" } ?? "}")
    }

    public func save(to path: String, elapsedSeconds: Double) throws(CheckpointError) {
        try PolicyCheckpoint.save(network, adam: adam, layout: env.observationLayout, config: env.config,
                                  trainerState: stateJSON(elapsedSeconds: elapsedSeconds), to: path)
    }

    /// Restores parameters, optimiser and counters from `path`; returns the wall time the run had
    /// used. Throws, changing nothing, when the checkpoint does not fit this trainer.
    public func resume(from path: String) throws(CheckpointError) -> Double {
        let checkpoint = try Checkpoint.load(from: path)
        try checkpoint.requireMatching(key: PolicyCheckpoint.inputsKey, expected: PolicyCheckpoint.inputs(of: env.observationLayout))
        try checkpoint.requireMatching(key: PolicyCheckpoint.actionsKey, expected: PolicyCheckpoint.actions(of: env.actionLayout))
        // Compared as sizes, so a checkpoint from before `recurrent` existed matches a feedforward run.
        if checkpoint.metadata[Checkpoint.Key.policy].flatMap({ try? PolicyConfig(json: $0) }) != network.sizes {
            try checkpoint.requireMatching(key: Checkpoint.Key.policy, expected: network.sizes.json)
        }
        guard let text = checkpoint.metadata[Checkpoint.Key.trainerState],
              let state = try? JSONValue.parse(Data(text.utf8)),
              case .int(let updates)? = state["updates"], updates >= 0,
              case .int(let steps)? = state["agent_steps"], steps >= 0 else {
            throw CheckpointError(path: path, message: "has no trainer state (updates and agent_steps): it was not written by gridmmo train")
        }
        let trainedUnder: String?
        if case .string(let description)? = state["perturbation"] { trainedUnder = description } else { trainedUnder = nil }
        guard trainedUnder == perturbation?.description else {
            throw CheckpointError(path: path, message: "was trained under \(trainedUnder.map { "attack (\($0))" } ?? "no attack"), "
                                  + "this run under \(perturbation.map { "attack (\($0.description))" } ?? "no attack"): resume with the same options")
        }
        let elapsed: Double
        switch state["elapsed_seconds"] {
        case .double(let value)?: elapsed = value
        case .int(let value)?: elapsed = Double(value)
        default: elapsed = 0
        }
        try checkpoint.restore(into: network.parameters, adam: adam)
        self.updates = updates
        self.agentSteps = steps
        return max(0, elapsed)
    }
}
