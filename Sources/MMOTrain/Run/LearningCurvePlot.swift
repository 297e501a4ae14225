import Foundation

/// The learning curve of a run as one SVG: panels of mean episode return, task completion and
/// mean episode length (the agents' lifetime) against living agent-steps: each update's value as a
/// thin light line and, bold, its moving average over a twenty-fifth of the run's updates.
public enum LearningCurvePlot {
    /// One panel: a title and its y values (x is the agent-step count).
    struct Panel {
        let title: String
        let values: [Double]
    }

    public static func svg(rows: [TrainingLogRow], title: String) -> String {
        let panels = [
            Panel(title: "mean episode return", values: rows.map(\.meanReturn)),
            Panel(title: "task completion (of tasks dealt)", values: rows.map(\.taskCompletion)),
            Panel(title: "mean episode length (ticks)", values: rows.map(\.meanLength)),
        ]
        let xs = rows.map { Double($0.agentSteps) }
        let panelWidth = 360.0, panelHeight = 240.0, margin = 56.0
        let width = Double(panels.count) * (panelWidth + margin) + margin
        let height = panelHeight + 2 * margin + 24
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(margin)" y="22" font-size="15" font-weight="bold">\(escape(title))</text>

        """
        for (index, panel) in panels.enumerated() {
            let left = margin + Double(index) * (panelWidth + margin), top = margin + 12
            svg += plot(panel, xs: xs, left: left, top: top, width: panelWidth, height: panelHeight)
        }
        return svg + "</svg>\n"
    }

    private static func plot(_ panel: Panel, xs: [Double], left: Double, top: Double, width: Double, height: Double) -> String {
        var out = "<text x=\"\(left)\" y=\"\(top - 8)\" font-weight=\"bold\">\(escape(panel.title))</text>\n"
        out += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(width)\" height=\"\(height)\" fill=\"none\" stroke=\"#888\"/>\n"
        let points = zip(xs, panel.values).filter { $0.1.isFinite }
        guard let first = points.first else {
            return out + "<text x=\"\(left + 10)\" y=\"\(top + 20)\" fill=\"#888\">no data yet</text>\n"
        }
        var minX = first.0, maxX = first.0, minY = first.1, maxY = first.1
        for (x, y) in points {
            minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
        }
        if maxX == minX { maxX = minX + 1 }
        if maxY == minY { maxY = minY + 1; minY -= 1 }
        let padY = (maxY - minY) * 0.05
        minY = minY >= 0 ? max(0, minY - padY) : minY - padY
        maxY += padY
        func px(_ x: Double) -> Double { left + (x - minX) / (maxX - minX) * width }
        func py(_ y: Double) -> Double { top + height - (y - minY) / (maxY - minY) * height }
        for tick in 0...4 {
            let y = minY + (maxY - minY) * Double(tick) / 4
            out += "<line x1=\"\(left)\" x2=\"\(left + width)\" y1=\"\(py(y))\" y2=\"\(py(y))\" stroke=\"#eee\"/>\n"
            out += "<text x=\"\(left - 6)\" y=\"\(py(y) + 4)\" text-anchor=\"end\">\(label(y))</text>\n"
            let x = minX + (maxX - minX) * Double(tick) / 4
            out += "<text x=\"\(px(x))\" y=\"\(top + height + 16)\" text-anchor=\"middle\">\(label(x))</text>\n"
        }
        out += "<text x=\"\(left + width / 2)\" y=\"\(top + height + 34)\" text-anchor=\"middle\" fill=\"#555\">living agent-steps</text>\n"
        let raw = points.map { String(format: "%.1f,%.1f", px($0.0), py($0.1)) }.joined(separator: " ")
        out += "<polyline points=\"\(raw)\" fill=\"none\" stroke=\"#9ecae1\" stroke-width=\"0.8\"/>\n"
        let smoothed = movingAverage(points.map(\.1), window: max(1, points.count / 25))
        let path = zip(points, smoothed).map { String(format: "%.1f,%.1f", px($0.0.0), py($0.1)) }.joined(separator: " ")
        out += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\"/>\n"
        return out
    }

    /// The mean of each value and the `window - 1` before it (fewer at the start).
    static func movingAverage(_ values: [Double], window: Int) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(values.count)
        var sum = 0.0
        for (index, value) in values.enumerated() {
            sum += value
            if index >= window { sum -= values[index - window] }
            result.append(sum / Double(min(index + 1, window)))
        }
        return result
    }

    /// Compact axis numbers: 1.2M, 35k, 0.25.
    static func label(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1e6 { return String(format: "%.1fM", value / 1e6) }
        if magnitude >= 1e4 { return String(format: "%.0fk", value / 1e3) }
        if magnitude >= 100 { return String(format: "%.0f", value) }
        return String(format: "%.2f", value)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
