import Foundation
import MMOEval

/// `returns.svg` and `completion.svg`: one row per setting, the IQM as a dot with its 95% interval
/// as a whisker, and the clean run's IQM as a dashed vertical line.
public enum EstimateChart {
    public static func returns(_ results: AttackResults) -> String {
        svg(title: "IQM return per setting", subtitle: "mean agent return per episode; whiskers: 95% bootstrap intervals; dashed: clean",
            rows: results.results.map { ($0.label, $0.meanReturn) }, scale: 1)
    }

    public static func completion(_ results: AttackResults) -> String {
        svg(title: "IQM task completion per setting", subtitle: "% of agents completing their task; whiskers: 95% bootstrap intervals; dashed: clean",
            rows: results.results.map { ($0.label, $0.completion) }, scale: 100)
    }

    static func svg(title: String, subtitle: String, rows: [(String, Estimate)], scale: Double) -> String {
        let values = rows.flatMap { [$0.1.lower * scale, $0.1.upper * scale, $0.1.value * scale] }.filter { !$0.isNaN }
        var low = values.min() ?? 0, high = values.max() ?? 1
        if high - low < 1e-9 { low -= 0.5; high += 0.5 }
        let pad = (high - low) * 0.08
        low -= pad; high += pad
        let labelWidth = Double((rows.map(\.0.count).max() ?? 10) * 7 + 16), left = labelWidth + 12, plotWidth = 520.0
        let rowHeight = 22.0, top = 62.0, height = Double(rows.count) * rowHeight
        let width = left + plotWidth + 30, svgHeight = top + height + 50
        func x(_ value: Double) -> Double { left + (value - low) / (high - low) * plotWidth }
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(svgHeight))" viewBox="0 0 \(Int(width)) \(Int(svgHeight))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="12" y="22" font-size="15" font-weight="bold">\(SVGText.escape(title))</text>
        <text x="12" y="40" fill="#555">\(SVGText.escape(subtitle))</text>

        """
        for tick in 0...5 {
            let value = low + (high - low) * Double(tick) / 5
            let px = SVGText.number(x(value))
            out += "<line x1=\"\(px)\" x2=\"\(px)\" y1=\"\(top)\" y2=\"\(SVGText.number(top + height))\" stroke=\"#e4e4e4\"/>\n"
            out += "<text x=\"\(px)\" y=\"\(SVGText.number(top + height + 16))\" text-anchor=\"middle\">\(String(format: "%.2f", value))</text>\n"
        }
        if let clean = rows.first?.1, !clean.value.isNaN {
            let px = SVGText.number(x(clean.value * scale))
            out += "<line x1=\"\(px)\" x2=\"\(px)\" y1=\"\(top - 4)\" y2=\"\(SVGText.number(top + height))\" stroke=\"#444\" stroke-dasharray=\"4 3\"/>\n"
        }
        for (index, (label, estimate)) in rows.enumerated() {
            let y = top + (Double(index) + 0.5) * rowHeight
            let colour = index == 0 ? "#444" : SVGText.colour(index - 1)
            out += "<text x=\"\(SVGText.number(left - 8))\" y=\"\(SVGText.number(y + 4))\" text-anchor=\"end\">\(SVGText.escape(label))</text>\n"
            guard !estimate.value.isNaN else { continue }
            let lower = SVGText.number(x(estimate.lower * scale)), upper = SVGText.number(x(estimate.upper * scale)), ys = SVGText.number(y)
            out += "<line x1=\"\(lower)\" x2=\"\(upper)\" y1=\"\(ys)\" y2=\"\(ys)\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            out += "<line x1=\"\(lower)\" x2=\"\(lower)\" y1=\"\(SVGText.number(y - 5))\" y2=\"\(SVGText.number(y + 5))\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            out += "<line x1=\"\(upper)\" x2=\"\(upper)\" y1=\"\(SVGText.number(y - 5))\" y2=\"\(SVGText.number(y + 5))\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            out += "<circle cx=\"\(SVGText.number(x(estimate.value * scale)))\" cy=\"\(ys)\" r=\"4.5\" fill=\"\(colour)\"/>\n"
        }
        out += "</svg>\n"
        return out
    }
}
