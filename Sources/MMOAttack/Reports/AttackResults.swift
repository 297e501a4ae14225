import Foundation
import MMOCore

/// Everything an attack study wrote, as `results.json`: how it was run, the clean baseline and
/// every setting (with their episodes), and the checked claims.
public struct AttackResults: Sendable, Codable {
    /// The checkpoint's path and FNV-1a digest.
    public let policy: String
    public let policyDigest: String
    public let config: String
    public let maps: String
    public let curriculum: String
    public let schedule: EpisodeSchedule
    public let environments: Int
    public let teams: Int
    public let teamSize: Int
    public let seed: UInt64
    public let resamples: Int
    public let threads: Int
    public let command: String
    public let seconds: Double
    public let results: [SettingResult]
    public let findings: [Finding]

    public init(policy: String, policyDigest: String, config: String, maps: String, curriculum: String, schedule: EpisodeSchedule, environments: Int,
                teams: Int, teamSize: Int, seed: UInt64, resamples: Int, threads: Int, command: String, seconds: Double, results: [SettingResult],
                findings: [Finding]) {
        self.policy = policy
        self.policyDigest = policyDigest
        self.config = config
        self.maps = maps
        self.curriculum = curriculum
        self.schedule = schedule
        self.environments = environments
        self.teams = teams
        self.teamSize = teamSize
        self.seed = seed
        self.resamples = resamples
        self.threads = threads
        self.command = command
        self.seconds = seconds
        self.results = results
        self.findings = findings
    }

    /// The clean baseline (always the first result).
    public var clean: SettingResult { results[0] }

    /// `results.json`: pretty-printed with sorted keys; a statistic over no agents (the attacked
    /// agents of the clean run) is the string "nan".
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// Reads what `json()` wrote.
    public static func decode(_ data: Data) throws -> AttackResults {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(AttackResults.self, from: data)
    }

    /// Writes report.md, results.json, returns.svg and completion.svg into `directory` (created if
    /// missing), each atomically; returns the paths.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let files: [(String, Data)] = [
            ("results.json", try json()),
            ("report.md", Data(AttackReport.markdown(self).utf8)),
            ("returns.svg", Data(EstimateChart.returns(self).utf8)),
            ("completion.svg", Data(EstimateChart.completion(self).utf8)),
        ]
        return try files.map { name, data in
            let path = (directory as NSString).appendingPathComponent(name)
            try AtomicFile.replace(path, with: data)
            return path
        }
    }
}
