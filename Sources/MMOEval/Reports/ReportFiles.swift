import Foundation
import MMOCore

/// Writes an evaluation's files into its output directory, each atomically (a temporary file
/// renamed into place): `report.md`, `results.json`, `category-scores.svg` and, in PvP,
/// `ratings.svg`; or, for a shard, `partial.json`.
public enum ReportFiles {
    /// Writes the report of `summary` into `directory` (created if missing); returns the paths.
    @discardableResult
    public static func write(_ summary: EvaluationSummary, to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var files: [(String, Data)] = [
            ("results.json", try json(summary)),
            ("report.md", Data(MarkdownReport.render(summary).utf8)),
            ("category-scores.svg", Data(CategoryChart.svg(summary).utf8)),
        ]
        if let ratings = RatingChart.svg(summary) { files.append(("ratings.svg", Data(ratings.utf8))) }
        return try files.map { name, data in
            let path = (directory as NSString).appendingPathComponent(name)
            try AtomicFile.replace(path, with: data)
            return path
        }
    }

    /// Writes a shard's `partial.json` into `directory` (created if missing); returns its path.
    @discardableResult
    public static func write(_ partial: PartialResult, to directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent(PartialResult.fileName)
        try AtomicFile.replace(path, with: try partial.data())
        return path
    }

    /// `results.json`: pretty-printed with sorted keys, so equal results give equal bytes.
    public static func json(_ summary: EvaluationSummary) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(summary)
    }
}
