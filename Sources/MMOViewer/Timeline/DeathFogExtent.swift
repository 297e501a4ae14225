import MMOCore

/// How far the death fog has advanced at a tick, by the rules `DeathFog` applies (see
/// `Sources/MMOCore/Systems/DeathFog.swift`): from `onset` the front moves in from the edge of the
/// playable square at `speed` tiles per tick, so after tick t it is `speed * (t - onset + 1)`
/// tiles deep, and a tile at L-inf distance d from the middle is fogged when d > radius - front
/// and d > `safeRadius`.
public struct DeathFogExtent: Sendable, Equatable {
    /// Tiles at L-inf distance from the middle greater than this are fogged.
    public let clearRadius: Int

    public init(clearRadius: Int) {
        self.clearRadius = clearRadius
    }

    /// The fog after `tick` under `config`, or `nil` when no tile is fogged.
    public static func at(tick: Int, config: Config) -> DeathFogExtent? {
        let rules = config.deathFog
        guard rules.enabled, tick >= rules.onset else { return nil }
        let front = rules.speed * Double(tick - rules.onset + 1)
        let edge = Double(config.map.playableRadius) - front
        let clear = max(rules.safeRadius, Int(edge.rounded(.down)))
        guard clear < config.map.playableRadius else { return nil }
        return DeathFogExtent(clearRadius: clear)
    }

    /// The fogged part of a `mapSize` map whose middle tile is `middle`, as up to four tile
    /// rectangles (rows and columns as `x`/`y` = col/row) around the clear square.
    public func fogRectangles(mapSize: Int, middle: Int) -> [PixelRect] {
        let low = max(middle - clearRadius, 0)
        let high = min(middle + clearRadius + 1, mapSize)
        let rects = [
            PixelRect(x: 0, y: 0, width: mapSize, height: low),
            PixelRect(x: 0, y: high, width: mapSize, height: mapSize - high),
            PixelRect(x: 0, y: low, width: low, height: high - low),
            PixelRect(x: high, y: low, width: mapSize - high, height: high - low),
        ]
        return rects.filter { $0.width > 0 && $0.height > 0 }
    }
}
