import Foundation

/// `ratings.svg` (PvP): every entrant's rating after each game, `mu` in one panel and the
/// conservative `ordinal` (`mu - 3 sigma`, what the leaderboard ranks by) in the other.
public enum RatingChart {
    public static func svg(_ summary: EvaluationSummary) -> String? {
        guard let history = summary.ratings, !history.isEmpty else { return nil }
        let names = summary.plan.entrants.map(\.name)
        let panelWidth = 460.0, panelHeight = 280.0, margin = 60.0
        let width = 2 * panelWidth + 3 * margin, height = panelHeight + 2 * margin + 56
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(margin)" y="22" font-size="15" font-weight="bold">PvP rating over games (Plackett-Luce, openskill defaults; ranked by mean task progress per game)</text>

        """
        out += SVGText.legend(names, x: margin, y: 46)
        let top = margin + 30
        out += panel(title: "mu (believed skill)", series: names.indices.map { entrant in history.map { $0[entrant].mu } },
                     left: margin, top: top, width: panelWidth, height: panelHeight)
        out += panel(title: "ordinal = mu - 3 sigma", series: names.indices.map { entrant in history.map { $0[entrant].ordinal } },
                     left: 2 * margin + panelWidth, top: top, width: panelWidth, height: panelHeight)
        out += "<text x=\"\(margin)\" y=\"\(SVGText.number(top + panelHeight + 58))\" fill=\"#555\">\(SVGText.escape(CategoryChart.caption(summary)))</text>\n"
        return out + "</svg>\n"
    }

    /// One panel of lines, one per entrant, against the game number (1 = after the first game).
    private static func panel(title: String, series: [[Double]], left: Double, top: Double, width: Double, height: Double) -> String {
        var out = "<text x=\"\(left)\" y=\"\(top - 8)\" font-weight=\"bold\">\(SVGText.escape(title))</text>\n"
        out += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(width)\" height=\"\(height)\" fill=\"none\" stroke=\"#888\"/>\n"
        let all = series.joined()
        var low = all.min() ?? 0, high = all.max() ?? 1
        if high - low < 1e-9 { low -= 1; high += 1 }
        let pad = (high - low) * 0.05
        low -= pad
        high += pad
        let games = series.first?.count ?? 1
        func x(_ game: Int) -> Double { left + (games > 1 ? Double(game) / Double(games - 1) * width : width / 2) }
        func y(_ value: Double) -> Double { top + height - (value - low) / (high - low) * height }
        for tick in 0...4 {
            let value = low + (high - low) * Double(tick) / 4
            out += "<line x1=\"\(left)\" x2=\"\(left + width)\" y1=\"\(SVGText.number(y(value)))\" y2=\"\(SVGText.number(y(value)))\" stroke=\"#eee\"/>\n"
            out += "<text x=\"\(left - 6)\" y=\"\(SVGText.number(y(value) + 4))\" text-anchor=\"end\">\(String(format: "%.1f", value))</text>\n"
            let game = (games - 1) * tick / 4
            out += "<text x=\"\(SVGText.number(x(game)))\" y=\"\(top + height + 16)\" text-anchor=\"middle\">\(game + 1)</text>\n"
        }
        out += "<text x=\"\(left + width / 2)\" y=\"\(top + height + 32)\" text-anchor=\"middle\" fill=\"#555\">game</text>\n"
        for (index, values) in series.enumerated() {
            let points = values.indices.map { "\(SVGText.number(x($0))),\(SVGText.number(y(values[$0])))" }.joined(separator: " ")
            out += "<polyline fill=\"none\" stroke=\"\(SVGText.colour(index))\" stroke-width=\"1.5\" points=\"\(points)\"/>\n"
        }
        return out
    }
}
