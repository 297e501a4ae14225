import MMOCore

/// How the viewer starts: window or image size, zoom, selection and overlays.
public struct ViewerOptions: Sendable, Equatable {
    /// Window or exported frame size in pixels.
    public var width = 1280
    public var height = 720
    /// Tile size in pixels (one of `Camera.zoomLevels`); `nil` fits the whole map.
    public var tileSize: Int?
    /// The entity slot selected at the start.
    public var selected: Int?
    /// Whether the camera follows the selected entity.
    public var follow = false
    public var overlays = Overlay.defaults

    public init() {}

    /// The initial state for `replay`, laid out at the options' size (`chrome`: with panel and
    /// timeline).
    public func initialState(for replay: Replay, chrome: Bool = true) -> ViewerState {
        let layout = FrameLayout(width: width, height: height, chrome: chrome)
        var state = ViewerState(tickCount: replay.tickCount, mapSize: replay.map.size, playableSide: 2 * replay.config.map.playableRadius + 1, layout: layout)
        if let tileSize {
            let fitted = state.camera
            state.camera = Camera(tileSize: tileSize, centerRow: fitted.centerRow, centerCol: fitted.centerCol)
        }
        state.overlays = overlays
        state.select(selected)
        state.follow(follow)
        return state
    }
}
