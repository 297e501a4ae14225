/// Playback speed steps, from a quarter of normal speed to sixteen times it. At 1x the viewer
/// shows `ticksPerSecondAtNormalSpeed` ticks a second.
public struct PlaybackSpeed: Sendable, Equatable {
    /// The available multipliers, slowest first.
    public static let steps: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16]
    /// Ticks a second at 1x.
    public static let ticksPerSecondAtNormalSpeed = 8.0

    /// Index into `steps`.
    public private(set) var index: Int

    /// Normal speed (1x).
    public init() {
        index = Self.steps.firstIndex(of: 1)!
    }

    /// The multiplier.
    public var multiplier: Double { Self.steps[index] }
    /// Ticks a second at this speed.
    public var ticksPerSecond: Double { multiplier * Self.ticksPerSecondAtNormalSpeed }
    /// "0.25x", "1x", "16x".
    public var label: String {
        multiplier == multiplier.rounded() ? "\(Int(multiplier))x" : "\(multiplier)x"
    }

    /// One step faster, stopping at the fastest.
    public mutating func faster() { index = min(index + 1, Self.steps.count - 1) }
    /// One step slower, stopping at the slowest.
    public mutating func slower() { index = max(index - 1, 0) }
}
