import Foundation
import MMOCore

/// A run's `log.jsonl` and `log.csv`, rewritten whole (atomically) with every new row, so a killed
/// run never leaves a torn line. Runs are short in rows (one per update), so rewriting costs little.
/// Resuming keeps the rows up to the checkpoint's update and drops the ones a kill lost.
public final class TrainingLog {
    public let jsonlPath: String
    public let csvPath: String
    public private(set) var rows: [TrainingLogRow] = []

    public init(directory: String) {
        jsonlPath = directory + "/log.jsonl"
        csvPath = directory + "/log.csv"
    }

    /// Reads the rows of an existing `log.jsonl` with update <= `update` (for resuming).
    public func resume(upTo update: Int) throws {
        guard FileManager.default.fileExists(atPath: jsonlPath) else { return }
        let text = try String(contentsOfFile: jsonlPath, encoding: .utf8)
        rows = []
        for (number, line) in text.split(separator: "\n").enumerated() {
            let value: JSONValue
            do {
                value = try JSONValue.parse(Data(line.utf8))
            } catch {
                throw FileError(path: jsonlPath, message: "line \(number + 1) is not valid JSON: \(error)")
            }
            var row = TrainingLogRow()
            func double(_ key: String) -> Double {
                switch value[key] {
                case .int(let v)?: return Double(v)
                case .double(let v)?: return v
                default: return .nan
                }
            }
            row.update = Int(double("update"))
            guard row.update <= update else { break }
            row.agentSteps = Int(double("agent_steps"))
            row.elapsedSeconds = double("elapsed_seconds")
            row.stepsPerSecond = double("steps_per_second")
            row.episodes = Int(double("episodes"))
            row.meanReturn = double("mean_return")
            row.meanLength = double("mean_length")
            row.meanReward = double("mean_reward")
            row.taskCompletion = double("task_completion")
            row.policyLoss = double("policy_loss")
            row.valueLoss = double("value_loss")
            row.entropy = double("entropy")
            row.approximateKL = double("approx_kl")
            row.clipFraction = double("clip_fraction")
            row.explainedVariance = double("explained_variance")
            row.learningRate = double("learning_rate")
            row.gradientNorm = double("grad_norm")
            row.inferenceSeconds = double("inference_seconds")
            row.environmentSeconds = double("environment_seconds")
            row.updateSeconds = double("update_seconds")
            rows.append(row)
        }
        try write()
    }

    public func append(_ row: TrainingLogRow) throws {
        rows.append(row)
        try write()
    }

    private func write() throws {
        let jsonl = rows.map(\.jsonLine).joined(separator: "\n") + (rows.isEmpty ? "" : "\n")
        let csv = TrainingLogRow.columns.joined(separator: ",") + "\n" + rows.map(\.csvLine).joined(separator: "\n") + (rows.isEmpty ? "" : "\n")
        try AtomicFile.replace(jsonlPath, with: Array(jsonl.utf8))
        try AtomicFile.replace(csvPath, with: Array(csv.utf8))
    }
}
