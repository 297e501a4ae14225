import Foundation

/// Small helpers the plots share: escaping, number formats, the entrant colours and a legend.
public enum SVGText {
    /// Ten distinguishable colours (the Tableau palette), reused in order past ten entrants.
    public static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    public static func colour(_ index: Int) -> String { palette[index % palette.count] }

    /// `text` with the characters XML reserves escaped.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A coordinate with two decimals.
    public static func number(_ value: Double) -> String { String(format: "%.2f", value) }

    /// An axis label: integers plainly, otherwise up to two decimals.
    public static func label(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(format: "%.2f", value)
    }

    /// A legend of coloured squares and names in one row from (`x`, `y`).
    public static func legend(_ names: [String], x: Double, y: Double) -> String {
        var out = "", left = x
        for (index, name) in names.enumerated() {
            out += "<rect x=\"\(number(left))\" y=\"\(number(y - 10))\" width=\"12\" height=\"12\" fill=\"\(colour(index))\"/>\n"
            out += "<text x=\"\(number(left + 16))\" y=\"\(number(y))\">\(escape(name))</text>\n"
            left += 16 + Double(name.count) * 7 + 18
        }
        return out
    }

    /// A "nice" upper bound for an axis showing values up to `value`: 1, 2 or 5 times a power of ten.
    public static func niceCeiling(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let power = pow(10, (log10(value)).rounded(.down))
        for step in [1.0, 2, 5, 10] where step * power >= value { return step * power }
        return 10 * power
    }
}
