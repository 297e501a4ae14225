import Foundation
import MMOTasks

/// `category-scores.svg`: each entrant's score per scoring category (the percentage of its
/// agent-episodes that completed their task) and its total (of 100, the mean of the categories),
/// as grouped bars with the bootstrap interval drawn as a whisker on each bar.
public enum CategoryChart {
    public static func svg(_ summary: EvaluationSummary) -> String {
        let entrants = summary.leaderboard.map(\.entrant)
        let evaluations = entrants.map { name in summary.evaluations.first { $0.entrant == name }! }
        let ordered = ScoringCategory.allCases.filter { category in summary.plan.tasks.contains { $0.category == category } }.map(\.rawValue)
        let groups = ordered + ["total"]
        // value, lower, upper per group per entrant, on the 0...100 scale
        let values: [[(Double, Double, Double)]] = groups.map { group in
            evaluations.map { evaluation in
                let estimate = group == "total"
                    ? evaluation.total.score
                    : evaluation.categories.first { $0.category.rawValue == group }.map {
                        Estimate(value: $0.measures.score.value * 100, lower: $0.measures.score.lower * 100, upper: $0.measures.score.upper * 100)
                    } ?? Estimate(value: 0, lower: 0, upper: 0)
                return (estimate.value, estimate.lower, estimate.upper)
            }
        }
        let top = min(100, SVGText.niceCeiling(max(values.joined().map(\.2).max() ?? 0, 1)))
        let bar = 18.0, gap = 28.0, left = 64.0, plotTop = 86.0, height = 300.0
        let groupWidth = max(Double(entrants.count) * bar + gap, 96)
        let width = max(left + Double(groups.count) * groupWidth + 24, 760)
        let svgHeight = plotTop + height + 60
        func y(_ value: Double) -> Double { plotTop + height - min(max(value, 0), top) / top * height }
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(svgHeight))" viewBox="0 0 \(Int(width)) \(Int(svgHeight))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(left)" y="22" font-size="15" font-weight="bold">Score per category and in total</text>
        <text x="\(left)" y="40" fill="#555">% of agent-episodes completing their task (total: of 100, the categories' mean); whiskers: \(Int((summary.plan.confidence * 100).rounded()))% intervals</text>

        """
        out += SVGText.legend(entrants, x: left, y: 64)
        for tick in 0...5 {
            let value = top * Double(tick) / 5
            out += "<line x1=\"\(left)\" x2=\"\(SVGText.number(width - 24))\" y1=\"\(SVGText.number(y(value)))\" y2=\"\(SVGText.number(y(value)))\" stroke=\"#e4e4e4\"/>\n"
            out += "<text x=\"\(left - 6)\" y=\"\(SVGText.number(y(value) + 4))\" text-anchor=\"end\">\(SVGText.label(value))</text>\n"
        }
        for (groupIndex, group) in groups.enumerated() {
            let groupLeft = left + Double(groupIndex) * groupWidth + (groupWidth - Double(entrants.count) * bar) / 2
            if group == "total" {
                out += "<line x1=\"\(SVGText.number(left + Double(groupIndex) * groupWidth))\" x2=\"\(SVGText.number(left + Double(groupIndex) * groupWidth))\" y1=\"\(plotTop)\" y2=\"\(plotTop + height)\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n"
            }
            for (entrant, (value, lower, upper)) in values[groupIndex].enumerated() {
                let x = groupLeft + Double(entrant) * bar
                out += "<rect x=\"\(SVGText.number(x + 1))\" y=\"\(SVGText.number(y(value)))\" width=\"\(bar - 2)\" height=\"\(SVGText.number(plotTop + height - y(value)))\" fill=\"\(SVGText.colour(entrant))\"><title>\(SVGText.escape(entrants[entrant])) \(group): \(String(format: "%.1f [%.1f, %.1f]", value, lower, upper))</title></rect>\n"
                let middle = SVGText.number(x + bar / 2)
                out += "<line x1=\"\(middle)\" x2=\"\(middle)\" y1=\"\(SVGText.number(y(lower)))\" y2=\"\(SVGText.number(y(upper)))\" stroke=\"black\"/>\n"
                for end in [lower, upper] {
                    out += "<line x1=\"\(SVGText.number(x + bar / 2 - 4))\" x2=\"\(SVGText.number(x + bar / 2 + 4))\" y1=\"\(SVGText.number(y(end)))\" y2=\"\(SVGText.number(y(end)))\" stroke=\"black\"/>\n"
                }
            }
            out += "<text x=\"\(SVGText.number(groupLeft + Double(entrants.count) * bar / 2))\" y=\"\(plotTop + height + 18)\" text-anchor=\"middle\">\(group)</text>\n"
        }
        out += "<line x1=\"\(left)\" x2=\"\(SVGText.number(width - 24))\" y1=\"\(plotTop + height)\" y2=\"\(plotTop + height)\" stroke=\"#444\"/>\n"
        out += "<text x=\"\(left)\" y=\"\(plotTop + height + 44)\" fill=\"#555\">\(SVGText.escape(caption(summary)))</text>\n"
        return out + "</svg>\n"
    }

    /// What was played, under the plot.
    static func caption(_ summary: EvaluationSummary) -> String {
        let plan = summary.plan
        let games = plan.mode == .pve ? "\(plan.episodes) episodes per entrant" : "\(plan.episodes) PvP games"
        return "\(plan.mode.rawValue.uppercased()): \(games), \(plan.setup.mapNames.count) maps (\(plan.setup.maps)), \(plan.tasks.count) tasks (\(plan.setup.curriculum)), seed \(plan.seed)"
    }
}
