import Foundation
import MMOTasks

/// The lines of a `TaskScoreboard` as printed by `gridmmo simulate`: one row per category, then the
/// weighted total.
enum ScoreTable {
    /// Column titles and widths; the first column is left-aligned, the others right-aligned.
    private static let columns = [("category", 12), ("specs", 6), ("dealt", 6), ("outcomes", 9), ("completed", 10), ("score", 7),
                                  ("mean progress", 14), (">= 0.3", 7), ("points", 13)]

    static func lines(_ board: TaskScoreboard) -> [String] {
        func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
        var lines = [row(columns.map(\.0))]
        for score in board.categoryScores() {
            lines.append(row([
                score.category?.rawValue ?? "(untagged)", "\(score.specs)", "\(score.dealtSpecs)", "\(score.outcomes)", "\(score.completions)",
                percent(score.score), percent(score.meanProgress), percent(score.partialFraction),
                score.weight > 0 ? String(format: "%.1f / %.1f", score.weight * score.score, score.weight) : "not scored",
            ]))
        }
        lines.append(String(format: "weighted score %.1f of 100", board.weightedScore))
        return lines
    }

    private static func row(_ cells: [String]) -> String {
        zip(cells, columns).enumerated().map { index, pair in
            let (cell, (_, width)) = pair
            let padding = String(repeating: " ", count: max(width - cell.count, 0))
            return index == 0 ? cell + padding : padding + cell
        }.joined(separator: " ")
    }
}
