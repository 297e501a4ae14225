import Foundation
import MMOTasks

/// `report.md`: what was played, the leaderboard, the score per category and per task with
/// intervals, and the plots. It holds nothing about how the run went (time, threads, shards), so
/// a merged report is byte for byte the report of a single run.
public enum MarkdownReport {
    public static func render(_ summary: EvaluationSummary) -> String {
        let plan = summary.plan
        let percent = Int((plan.confidence * 100).rounded())
        var out = "# GridMMO evaluation: \(plan.mode == .pve ? "PvE" : "PvP")\n\n"
        out += setup(plan) + "\n\n"
        out += "## Leaderboard\n\n"
        if plan.mode == .pvp {
            out += "Ranked by the final rating's ordinal (mu - 3 sigma). In every game each entrant is ranked by its agents' mean task progress "
                + "and the ratings are updated in game order (Weng-Lin Plackett-Luce with openskill's defaults).\n\n"
            out += "| rank | entrant | policy | rating ordinal | mu | sigma | score (of 100) | \(percent)% interval | mean progress | progress >= 0.3 | agent-episodes |\n"
            out += "| ---: | --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |\n"
        } else {
            out += "Ranked by the competition score: per task the fraction of agent-episodes that completed it, the six categories weighted equally, total of 100.\n\n"
            out += "| rank | entrant | policy | score (of 100) | \(percent)% interval | mean progress | progress >= 0.3 | agent-episodes |\n"
            out += "| ---: | --- | --- | ---: | --- | ---: | ---: | ---: |\n"
        }
        for row in summary.leaderboard {
            var cells = ["\(row.rank)", cell(row.entrant), cell(row.policy)]
            if let rating = row.rating {
                cells += [fixed(rating.ordinal, 2), fixed(rating.mu, 2), fixed(rating.sigma, 2)]
            }
            cells += [fixed(row.score.value, 1), interval(row.score, scale: 1), percentage(row.meanProgress.value / 100), percentage(row.partialFraction.value / 100),
                      "\(row.agentEpisodes)"]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\n![Score per category](category-scores.svg)\n"
        if plan.mode == .pvp { out += "\n![Rating over games](ratings.svg)\n" }

        let categories = ScoringCategory.allCases.filter { category in plan.tasks.contains { $0.category == category } }
        let evaluations = summary.leaderboard.map { row in summary.evaluations.first { $0.entrant == row.entrant }! }
        out += "\n## Score per category\n\nPercent of agent-episodes that completed their task (the mean over the category's tasks), with \(percent)% intervals.\n\n"
        out += "| entrant | " + categories.map(\.rawValue).joined(separator: " | ") + " | total (of 100) |\n"
        out += "| --- |" + String(repeating: " ---: |", count: categories.count + 1) + "\n"
        for evaluation in evaluations {
            var cells = [cell(evaluation.entrant)]
            for category in categories {
                if let measures = evaluation.categories.first(where: { $0.category == category })?.measures {
                    cells.append(fixed(measures.score.value * 100, 1) + " " + interval(measures.score, scale: 100))
                } else {
                    cells.append("-")
                }
            }
            cells.append(fixed(evaluation.total.score.value, 1) + " " + interval(evaluation.total.score, scale: 1))
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }

        out += "\n## Score per task\n\nPercent of the entrant's agent-episodes with the task that completed it, \(percent)% interval, and how many agent-episodes had it.\n\n"
        out += "| task | category | " + evaluations.map { cell($0.entrant) }.joined(separator: " | ") + " |\n"
        out += "| --- | --- |" + String(repeating: " ---: |", count: evaluations.count) + "\n"
        let order = ScoringCategory.allCases.map(Optional.some) + [nil]
        let tasks = plan.tasks.sorted { a, b in
            let (ia, ib) = (order.firstIndex(of: a.category)!, order.firstIndex(of: b.category)!)
            return ia != ib ? ia < ib : a.name < b.name
        }
        var listed: [String] = []
        for task in tasks where !listed.contains(task.name) {
            listed.append(task.name)
            let cells = evaluations.map { evaluation -> String in
                guard let result = evaluation.tasks.first(where: { $0.task == task.name }) else { return "-" }
                return fixed(result.measures.score.value * 100, 1) + " " + interval(result.measures.score, scale: 100) + " n=\(result.episodes)"
            }
            out += "| \(cell(task.name)) | \(task.category?.rawValue ?? "-") | " + cells.joined(separator: " | ") + " |\n"
        }

        let games = summary.games
        let ticks = games.reduce(0) { $0 + $1.ticks }, survivors = games.reduce(0) { $0 + $1.survivors }
        out += "\n## Games\n\n\(games.count) games of \(plan.players) players, mean length \(fixed(Double(ticks) / Double(max(games.count, 1)), 1)) ticks, "
            + "mean survivors \(fixed(Double(survivors) / Double(max(games.count, 1)), 1)). `results.json` lists every game's seed, map, teams and outcome"
            + (plan.mode == .pvp ? ", and the ratings after every game." : ".") + "\n"
        return out
    }

    /// The evaluation's settings in one paragraph.
    static func setup(_ plan: EvaluationPlan) -> String {
        let setup = plan.setup
        let games = plan.mode == .pve
            ? "Each of \(plan.entrants.count) entrant(s) controls all \(plan.players) agents in \(plan.episodes) episode(s) (the same seeds and maps for every entrant)"
            : "\(plan.entrants.count) entrants share each world in \(plan.episodes) game(s): \(plan.teams) teams of \(plan.players / plan.teams) agents, dealt to the entrants by a seeded draw (every entrant gets \(plan.teams / plan.entrants.count) or \(plan.teams / plan.entrants.count + (plan.teams % plan.entrants.count == 0 ? 0 : 1)) teams per game)"
        return games + ", on \(setup.mapNames.count) map(s) from \(code(setup.maps)) (episode e plays map e mod \(setup.mapNames.count)) "
            + "with tasks from \(code(setup.curriculum)) (\(plan.tasks.count) tasks, dealt to agents at random by each episode's seed); "
            + "config \(code(setup.config)), horizon \(setup.horizon) ticks; seed \(plan.seed); \(plan.environments) games per batch. "
            + "Intervals: percentile bootstrap, \(plan.resamples) resamples."
    }

    private static func code(_ text: String) -> String { "`" + text.replacingOccurrences(of: "`", with: "'") + "`" }
    private static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
    private static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    private static func percentage(_ fraction: Double) -> String { String(format: "%.1f%%", fraction * 100) }
    private static func interval(_ estimate: Estimate, scale: Double) -> String {
        String(format: "[%.1f, %.1f]", estimate.lower * scale, estimate.upper * scale)
    }
}
