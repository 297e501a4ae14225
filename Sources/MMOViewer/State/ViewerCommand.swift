/// Something the user asked the viewer to do, whatever key or mouse action asked for it.
public enum ViewerCommand: Sendable, Equatable {
    case togglePlay
    case faster
    case slower
    /// Moves `ticks` ticks forward (negative: back) and pauses.
    case step(ticks: Int)
    case seekToStart
    case seekToEnd
    /// Jumps to the tick under a timeline position.
    case seekTimeline(x: Int)
    /// Zooms by `steps` levels around a screen point.
    case zoom(steps: Int, x: Int, y: Int)
    /// Zooms by `steps` levels around the map viewport's centre.
    case zoomCentered(steps: Int)
    /// Moves the view as a drag by (`dx`, `dy`) pixels does.
    case pan(dx: Int, dy: Int)
    /// Shows the whole map.
    case fitMap
    /// Selects the entity on the tile under a screen point (or clears the selection).
    case selectAt(x: Int, y: Int)
    /// Selects the next (`forward`) or previous living player.
    case cycleSelection(forward: Bool)
    case clearSelection
    case toggleFollow
    case toggleOverlay(Overlay)
    case toggleHelp
    case quit
}
