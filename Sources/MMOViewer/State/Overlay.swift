/// Layers drawn over the map that the user can switch on and off.
public struct Overlay: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The death fog's extent at the shown tick (when the replay's config enables it).
    public static let fog = Overlay(rawValue: 1 << 0)
    /// The selected agent's vision window.
    public static let vision = Overlay(rawValue: 1 << 1)
    /// Markers on harvestable resource tiles.
    public static let resources = Overlay(rawValue: 1 << 2)
    /// Players drawn in their team's colour (otherwise all alike).
    public static let teamColors = Overlay(rawValue: 1 << 3)

    /// What the viewer starts with.
    public static let defaults: Overlay = [.fog, .vision, .teamColors]

    /// Every overlay with its name, as the CLI and help overlay list them.
    public static let named: [(name: String, overlay: Overlay)] = [
        ("fog", .fog), ("vision", .vision), ("resources", .resources), ("teams", .teamColors),
    ]
}
