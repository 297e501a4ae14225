/// An entrant as an evaluation plan records it: its spec and its policy's fingerprint.
public struct PlannedEntrant: Sendable, Equatable, Codable {
    public let spec: EntrantSpec
    public let fingerprint: String

    public init(spec: EntrantSpec, fingerprint: String) {
        self.spec = spec
        self.fingerprint = fingerprint
    }

    public var name: String { spec.name }
}
