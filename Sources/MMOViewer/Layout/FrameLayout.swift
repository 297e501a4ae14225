/// Where the parts of the viewer go in a window of a given size: the map viewport, the side panel
/// (tick, population, the selected agent, the event ticker) and the timeline along the bottom.
/// Without `chrome` (contact-sheet cells) the map takes the whole frame.
public struct FrameLayout: Sendable, Equatable {
    /// Width of the side panel in pixels.
    public static let panelWidth = 312
    /// Height of the timeline strip in pixels.
    public static let timelineHeight = 36
    /// Scale of panel text: each font pixel becomes this many screen pixels.
    public static let textScale = 2

    public let width: Int
    public let height: Int
    public let map: PixelRect
    /// Empty when there is no chrome.
    public let panel: PixelRect
    public let timeline: PixelRect

    public init(width: Int, height: Int, chrome: Bool = true) {
        self.width = width
        self.height = height
        if chrome {
            let panelWidth = min(Self.panelWidth, width / 2)
            map = PixelRect(x: 0, y: 0, width: width - panelWidth, height: max(height - Self.timelineHeight, 1))
            panel = PixelRect(x: width - panelWidth, y: 0, width: panelWidth, height: max(height - Self.timelineHeight, 1))
            timeline = PixelRect(x: 0, y: height - Self.timelineHeight, width: width, height: Self.timelineHeight)
        } else {
            map = PixelRect(x: 0, y: 0, width: width, height: height)
            panel = PixelRect(x: width, y: 0, width: 0, height: 0)
            timeline = PixelRect(x: 0, y: height, width: width, height: 0)
        }
    }

    /// The track of the timeline: the part that maps pixels to ticks.
    public var timelineTrack: PixelRect {
        timeline.inset(by: 8)
    }

    /// The tick under horizontal position `x` of the timeline track, for `tickCount` ticks.
    public func tick(atTimelineX x: Int, tickCount: Int) -> Int {
        let track = timelineTrack
        guard tickCount > 1, track.width > 1 else { return 0 }
        let fraction = Double(min(max(x - track.x, 0), track.width - 1)) / Double(track.width - 1)
        return Int((fraction * Double(tickCount - 1)).rounded())
    }

    /// Horizontal position of `tick` on the timeline track.
    public func timelineX(ofTick tick: Int, tickCount: Int) -> Int {
        let track = timelineTrack
        guard tickCount > 1 else { return track.x }
        return track.x + Int((Double(tick) / Double(tickCount - 1) * Double(track.width - 1)).rounded())
    }
}
