/// One drawing operation of a frame, in window pixels. `SceneBuilder` turns the replay and the
/// viewer state into a list of these; a renderer (SDL's, behind the `Viewer` trait) carries them
/// out in order. Translucent colours blend over what is already drawn.
public enum DrawCommand: Sendable, Equatable {
    /// Restricts drawing to a rectangle (`nil`: the whole frame).
    case clip(PixelRect?)
    case fill(PixelRect, Color)
    /// A one-pixel rectangle outline.
    case outline(PixelRect, Color)
    case line(fromX: Int, fromY: Int, toX: Int, toY: Int, Color)
    /// Part of the art atlas, scaled to `destination` and multiplied by `tint`.
    case sprite(source: PixelRect, destination: PixelRect, tint: Color)
    /// The map's tiles in rows `tiles.y..<tiles.maxY`, columns `tiles.x..<tiles.maxX`, each
    /// `tileSize` pixels, with the top-left tile at (`x`, `y`).
    case map(tiles: PixelRect, x: Int, y: Int, tileSize: Int)
}
