import MMOCore

/// Everything the viewer shows apart from the replay itself: the tick, play/pause and speed, the
/// selected entity and whether the camera follows it, the camera, the overlays, the help overlay
/// and the window layout. Plain data driven by `ViewerCommand`s and elapsed time, so it is tested
/// without a window.
public struct ViewerState: Sendable {
    /// Ticks in the replay: the shown tick is in `0..<tickCount`.
    public let tickCount: Int
    /// Side of the replay's map.
    public let mapSize: Int
    /// Side of the map's playable square, which "fit" shows.
    public let playableSide: Int
    public private(set) var tick = 0
    public private(set) var playing = false
    public private(set) var speed = PlaybackSpeed()
    /// The selected entity slot.
    public private(set) var selected: Int?
    /// Whether the camera keeps the selected entity in the middle.
    public private(set) var following = false
    public var camera: Camera
    public var overlays = Overlay.defaults
    public private(set) var showingHelp = false
    /// Set by `.quit`.
    public private(set) var quitRequested = false
    public private(set) var layout: FrameLayout
    /// Fraction of a tick of playback time not yet shown.
    private var pendingTicks = 0.0

    /// A paused viewer at tick 0 with the playable square in view.
    public init(tickCount: Int, mapSize: Int, playableSide: Int, layout: FrameLayout) {
        precondition(tickCount > 0, "a replay has at least one tick")
        self.tickCount = tickCount
        self.mapSize = mapSize
        self.playableSide = playableSide
        self.layout = layout
        camera = Camera.fitting(mapSize: mapSize, playableSide: playableSide, in: layout.map)
    }

    /// The last tick.
    public var lastTick: Int { tickCount - 1 }

    /// Shows `tick` (clamped to the replay) and drops partial playback time.
    public mutating func seek(to tick: Int) {
        self.tick = min(max(tick, 0), lastTick)
        pendingTicks = 0
    }

    /// Selects `slot` (or nothing); following stops when nothing is selected.
    public mutating func select(_ slot: Int?) {
        selected = slot
        if slot == nil { following = false }
    }

    /// Turns following on (only with a selection) or off.
    public mutating func follow(_ on: Bool) {
        following = on && selected != nil
    }

    /// Starts playback; at the last tick it starts over from tick 0.
    public mutating func play() {
        if tick == lastTick { seek(to: 0) }
        playing = true
    }

    public mutating func pause() {
        playing = false
        pendingTicks = 0
    }

    /// Adopts a new window size, keeping the camera.
    public mutating func resize(to layout: FrameLayout) {
        self.layout = layout
    }

    /// Advances playback by `seconds` of wall time; returns whether the tick changed. Playback
    /// pauses at the last tick.
    @discardableResult
    public mutating func advance(seconds: Double) -> Bool {
        guard playing else { return false }
        pendingTicks += seconds * speed.ticksPerSecond
        let whole = Int(pendingTicks)
        guard whole > 0 else { return false }
        pendingTicks -= Double(whole)
        let before = tick
        tick = min(tick + whole, lastTick)
        if tick == lastTick { pause() }
        return tick != before
    }

    /// Keeps the camera on the selected entity while following; call it whenever the frame changes.
    public mutating func updateCamera(for frame: ReplayFrame) {
        if following, let selected, selected < frame.entities.count {
            let entity = frame.entities[selected]
            camera.center(onRow: Int(entity.row), col: Int(entity.col))
        }
        camera.clamp(mapSize: mapSize)
    }

    /// Carries out a command against the shown frame (which selection commands look at).
    public mutating func apply(_ command: ViewerCommand, frame: ReplayFrame) {
        switch command {
        case .togglePlay: playing ? pause() : play()
        case .faster: speed.faster()
        case .slower: speed.slower()
        case .step(let ticks):
            pause()
            seek(to: tick + ticks)
        case .seekToStart: seek(to: 0)
        case .seekToEnd: seek(to: lastTick)
        case .seekTimeline(let x): seek(to: layout.tick(atTimelineX: x, tickCount: tickCount))
        case .zoom(let steps, let x, let y): camera.zoom(by: steps, atX: x, y: y, in: layout.map)
        case .zoomCentered(let steps):
            camera.zoom(by: steps, atX: layout.map.x + layout.map.width / 2, y: layout.map.y + layout.map.height / 2, in: layout.map)
        case .pan(let dx, let dy):
            following = false
            camera.pan(dx: dx, dy: dy)
        case .fitMap:
            following = false
            camera = Camera.fitting(mapSize: mapSize, playableSide: playableSide, in: layout.map)
        case .selectAt(let x, let y):
            let tile = camera.tile(atX: x, y: y, in: layout.map)
            select(Self.entity(atRow: tile.row, col: tile.col, in: frame))
        case .cycleSelection(let forward): select(Self.nextLivingPlayer(after: selected, forward: forward, in: frame))
        case .clearSelection:
            if showingHelp { showingHelp = false } else { select(nil) }
        case .toggleFollow: follow(!following)
        case .toggleOverlay(let overlay): overlays.formSymmetricDifference(overlay)
        case .toggleHelp: showingHelp.toggle()
        case .quit: quitRequested = true
        }
        updateCamera(for: frame)
    }

    /// The living entity on a tile: the lowest slot among players first, then NPCs.
    static func entity(atRow row: Int, col: Int, in frame: ReplayFrame) -> Int? {
        frame.entities.indices.first { slot in
            let entity = frame.entities[slot]
            return entity.alive && Int(entity.row) == row && Int(entity.col) == col
        }
    }

    /// The next living player after `current` in slot order (wrapping), or backwards.
    static func nextLivingPlayer(after current: Int?, forward: Bool, in frame: ReplayFrame) -> Int? {
        let players = frame.entities.indices.filter { frame.entities[$0].kind == .player && frame.entities[$0].alive }
        guard !players.isEmpty else { return nil }
        guard let current else { return forward ? players.first : players.last }
        if forward {
            return players.first { $0 > current } ?? players.first
        }
        return players.last { $0 < current } ?? players.last
    }
}
