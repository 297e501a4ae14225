import Foundation

/// One numeric input of the policy as `ObservationFeatures` writes it: how a raw integer from the
/// observation becomes the float the network reads, and the raw range the game can produce. This
/// is what an observation attack needs to know about a feature: its valid range in feature units
/// (the budget is a fraction of that width) and which feature values are realisable (the encodings
/// of integers in range).
public struct FeatureColumn: Sendable, Equatable {
    /// How a raw integer is encoded.
    public enum Encoding: Sendable, Equatable {
        /// raw / divisor.
        case linear(divisor: Float)
        /// log(1 + raw) / 5 for raw > 0, else 0 (counts with a long tail).
        case log1p
        /// A value that is already a float in `rawRange` (task progress, the task embedding):
        /// every value in range is realisable.
        case real
    }

    public let name: String
    public let encoding: Encoding
    /// The smallest and largest raw values the game produces.
    public let rawRange: ClosedRange<Int>

    public init(_ name: String, _ encoding: Encoding, _ rawRange: ClosedRange<Int>) {
        self.name = name
        self.encoding = encoding
        self.rawRange = rawRange
    }

    /// A 0/1 flag.
    public static func flag(_ name: String) -> FeatureColumn { FeatureColumn(name, .linear(divisor: 1), 0...1) }

    /// The feature value of a raw integer.
    @inline(__always) public func encode(_ raw: Float) -> Float {
        switch encoding {
        case .linear(let divisor): return raw / divisor
        case .log1p: return raw > 0 ? log(1 + raw) / 5 : 0
        case .real: return raw
        }
    }

    /// The raw value (not rounded) whose encoding is `value`.
    @inline(__always) public func decode(_ value: Float) -> Float {
        switch encoding {
        case .linear(let divisor): return value * divisor
        case .log1p: return value > 0 ? exp(5 * value) - 1 : 0
        case .real: return value
        }
    }

    /// The valid range in feature units.
    public var lower: Float { encode(Float(rawRange.lowerBound)) }
    public var upper: Float { encode(Float(rawRange.upperBound)) }

    /// The realisable value nearest to `value` among those within `radius` of `clean` (itself the
    /// encoding of an integer): the encodings of the integers either side of `value`'s raw value,
    /// falling back to `clean` when neither is close enough.
    public func realise(_ value: Float, clean: Float, radius: Float) -> Float {
        if encoding == .real { return value }
        let raw = min(max(decode(value), Float(rawRange.lowerBound)), Float(rawRange.upperBound))
        let below = encode(raw.rounded(.down)), above = encode(raw.rounded(.up))
        let candidates = abs(below - value) <= abs(above - value) ? (below, above) : (above, below)
        if abs(candidates.0 - clean) <= radius { return candidates.0 }
        if abs(candidates.1 - clean) <= radius { return candidates.1 }
        return clean
    }
}
