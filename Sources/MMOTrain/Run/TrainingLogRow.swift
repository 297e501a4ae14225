import Foundation

/// One line of a training run's log: what an update did, cumulative counters, losses and timing.
/// Written as a JSON object per line (`log.jsonl`) and as a CSV row (`log.csv`) with the same columns.
public struct TrainingLogRow: Sendable, Equatable {
    public var update = 0
    public var agentSteps = 0
    public var elapsedSeconds = 0.0
    /// Living agent-steps per second of wall time over the whole run so far (rollout + update).
    public var stepsPerSecond = 0.0
    public var episodes = 0
    public var meanReturn = 0.0
    /// Mean episode length in ticks (the agents' lifetime).
    public var meanLength = 0.0
    /// Mean reward per agent-step of the rollout (after clamping and shaping).
    public var meanReward = 0.0
    /// Tasks completed over tasks dealt, in the episodes that ended during this update's rollout.
    public var taskCompletion = 0.0
    public var policyLoss = 0.0
    public var valueLoss = 0.0
    public var entropy = 0.0
    public var approximateKL = 0.0
    public var clipFraction = 0.0
    public var explainedVariance = 0.0
    public var learningRate = 0.0
    public var gradientNorm = 0.0
    public var inferenceSeconds = 0.0
    public var environmentSeconds = 0.0
    public var updateSeconds = 0.0

    public init() {}

    public static let columns = [
        "update", "agent_steps", "elapsed_seconds", "steps_per_second", "episodes", "mean_return", "mean_length", "mean_reward",
        "task_completion", "policy_loss", "value_loss", "entropy", "approx_kl", "clip_fraction", "explained_variance", "learning_rate",
        "grad_norm", "inference_seconds", "environment_seconds", "update_seconds",
    ]

    var values: [String] {
        func number(_ value: Double) -> String { value.isFinite ? String(format: "%.6g", value) : "null" }
        return [
            String(update), String(agentSteps), number(elapsedSeconds), number(stepsPerSecond), String(episodes), number(meanReturn),
            number(meanLength), number(meanReward), number(taskCompletion), number(policyLoss), number(valueLoss), number(entropy),
            number(approximateKL), number(clipFraction), number(explainedVariance), number(learningRate), number(gradientNorm),
            number(inferenceSeconds), number(environmentSeconds), number(updateSeconds),
        ]
    }

    public var jsonLine: String {
        "{" + zip(Self.columns, values).map { "\"\($0)\": \($1)" }.joined(separator: ", ") + "}"
    }

    public var csvLine: String { values.map { $0 == "null" ? "" : $0 }.joined(separator: ",") }
}
