import Foundation
import MMOCore

/// What one shard of an evaluation writes (`partial.json`): the plan, which shard it was, the
/// records of the games it played, and how the run went. `PartialMerge` combines the shards of one
/// plan into the results a single run gives.
public struct PartialResult: Sendable, Equatable, Codable {
    /// Names the file's format, checked when reading.
    public static let format = "gridmmo-eval-partial"
    public static let fileName = "partial.json"

    public let format: String
    public let plan: EvaluationPlan
    public let shard: Shard
    /// The games played, in order.
    public let records: [GameRecord]
    public let run: RunInfo

    public init(plan: EvaluationPlan, shard: Shard, records: [GameRecord], run: RunInfo) {
        format = Self.format
        self.plan = plan
        self.shard = shard
        self.records = records
        self.run = run
    }

    /// The file's bytes: compact JSON with sorted keys.
    public func data() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads `DIRECTORY/partial.json` (or `path` itself when it names a file); errors name the file.
    public static func load(path: String) throws(EvaluationError) -> PartialResult {
        var isDirectory: ObjCBool = false
        let file = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? (path as NSString).appendingPathComponent(fileName) : path
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .unreadablePartial(path: file, reason: "cannot be read (no such file, or not readable): give a directory written by `gridmmo eval ... --shard i/n`")
        }
        let partial: PartialResult
        do {
            partial = try JSONDecoder().decode(PartialResult.self, from: data)
        } catch {
            throw .unreadablePartial(path: file, reason: "is not a partial evaluation result (\(describe(error)))")
        }
        guard partial.format == format else { throw .unreadablePartial(path: file, reason: "format is '\(partial.format)', expected '\(format)'") }
        return partial
    }

    /// A decoding error in a line: where in the JSON and what was wrong.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        let (path, what): ([any CodingKey], String) = switch error {
        case let .keyNotFound(key, context): (context.codingPath + [key], "missing")
        case let .typeMismatch(_, context): (context.codingPath, context.debugDescription)
        case let .valueNotFound(_, context): (context.codingPath, context.debugDescription)
        case let .dataCorrupted(context): (context.codingPath, context.debugDescription)
        @unknown default: ([], "\(error)")
        }
        let location = path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return location.isEmpty ? what : "\(location): \(what)"
    }
}
