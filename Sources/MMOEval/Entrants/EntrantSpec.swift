/// An entrant as the user names it: `NAME=random`, `NAME=path/to/checkpoint.safetensors`, or a bare
/// scripted agent name or checkpoint path, which is then also the entrant's name.
///
/// A value that is one of `ScriptedAgent`'s names is that scripted agent; a value ending in
/// `.safetensors` or containing a `/` is a checkpoint path; anything else is refused, so a
/// misspelt agent name is not mistaken for a missing file.
public struct EntrantSpec: Sendable, Equatable, Codable {
    /// What plays for the entrant.
    public enum Source: Sendable, Equatable {
        case scripted(ScriptedAgent)
        /// A policy checkpoint written by `gridmmo train`, by its path.
        case checkpoint(String)
    }

    /// The entrant's name in reports; unique within an evaluation.
    public let name: String
    public let source: Source

    public init(name: String, source: Source) {
        self.name = name
        self.source = source
    }

    /// Parses `NAME=VALUE` or a bare `VALUE` (see the type's notes).
    public init(parsing text: String) throws(EvaluationError) {
        let name: String, value: String
        if let equals = text.firstIndex(of: "=") {
            name = String(text[..<equals])
            value = String(text[text.index(after: equals)...])
        } else {
            name = text
            value = text
        }
        guard !name.isEmpty, !value.isEmpty else { throw .malformedEntrant(text) }
        guard !name.contains(where: { $0.isNewline || $0 == "|" }) else { throw .malformedEntrant(text) }
        if let agent = ScriptedAgent(rawValue: value) {
            self.init(name: name, source: .scripted(agent))
        } else if value.hasSuffix(".safetensors") || value.contains("/") {
            self.init(name: name, source: .checkpoint(value))
        } else {
            throw .unknownScriptedAgent(value)
        }
    }

    /// What the entrant is, for reports: `scripted forager` or `checkpoint PATH`.
    public var summary: String {
        switch source {
        case .scripted(let agent): "scripted \(agent.rawValue)"
        case .checkpoint(let path): "checkpoint \(path)"
        }
    }

    private enum CodingKeys: String, CodingKey { case name, scripted, checkpoint }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        if let agent = try container.decodeIfPresent(ScriptedAgent.self, forKey: .scripted) {
            source = .scripted(agent)
        } else {
            source = .checkpoint(try container.decode(String.self, forKey: .checkpoint))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        switch source {
        case .scripted(let agent): try container.encode(agent, forKey: .scripted)
        case .checkpoint(let path): try container.encode(path, forKey: .checkpoint)
        }
    }
}
