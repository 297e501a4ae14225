import MMOCore

/// The viewer's entry points: the interactive window and the headless exports. They need the
/// `Viewer` package trait (SDL2); without it they throw `ViewerError.unavailable`.
public enum ReplayViewer {
    /// Whether this build includes the SDL2 viewer.
    public static var isAvailable: Bool {
        #if Viewer
        return true
        #else
        return false
        #endif
    }

    /// Renders each of `ticks` to `directory/frame_TTTTT.png` with SDL's software renderer;
    /// returns the written paths and the median time per frame in milliseconds to decode the tick
    /// from the replay, build the scene and draw it (not counting the PNG encoding). Refuses before
    /// rendering when one of the paths exists and is not a regular file.
    public static func exportFrames(_ replay: Replay, ticks: [Int], to directory: String, options: ViewerOptions) throws(ViewerError) -> (paths: [String], medianMilliseconds: Double) {
        #if Viewer
        let outputs = ticks.map { directory + "/" + frameFileName(tick: $0) }
        try requireReplaceable(outputs)
        let timeline = ReplayTimeline(replay: replay)
        let renderer = try HeadlessRenderer(replay: replay, timeline: timeline, width: options.width, height: options.height)
        var paths: [String] = []
        var timings: [Double] = []
        var state = options.initialState(for: replay)
        let clock = ContinuousClock()
        for tick in ticks {
            state.seek(to: tick)
            let start = clock.now
            let frame = replay.frame(at: tick)
            let decoding = clock.now - start
            let (image, milliseconds) = renderer.render(frame: frame, state: &state)
            timings.append(milliseconds + Double(decoding.components.attoseconds) / 1e15 + Double(decoding.components.seconds) * 1000)
            try ImageFile.writePNG(image, to: outputs[paths.count])
            paths.append(outputs[paths.count])
        }
        return (paths, median(timings))
        #else
        throw ViewerError.unavailable
        #endif
    }

    /// Renders `ticks` as map-only cells of `cellWidth` x `cellHeight`, each captioned with its
    /// tick, onto one image written to `path` (refused before rendering when `path` exists and
    /// is not a regular file).
    public static func exportContactSheet(_ replay: Replay, ticks: [Int], to path: String, cellWidth: Int, cellHeight: Int, options: ViewerOptions) throws(ViewerError) {
        #if Viewer
        try requireReplaceable([path])
        let timeline = ReplayTimeline(replay: replay)
        let renderer = try HeadlessRenderer(replay: replay, timeline: timeline, width: cellWidth, height: cellHeight)
        let sheet = ContactSheetLayout(count: ticks.count, cellWidth: cellWidth, cellHeight: cellHeight)
        var image = RasterImage(width: sheet.width, height: sheet.height, fill: Palette.panel)
        var cellOptions = options
        cellOptions.width = cellWidth
        cellOptions.height = cellHeight
        var state = cellOptions.initialState(for: replay, chrome: false)
        for (index, tick) in ticks.enumerated() {
            state.seek(to: tick)
            let cell = renderer.render(frame: replay.frame(at: tick), state: &state, caption: "tick \(tick)").image
            let origin = sheet.origin(ofCell: index)
            image.paste(cell, x: origin.x, y: origin.y)
        }
        try ImageFile.writePNG(image, to: path)
        #else
        throw ViewerError.unavailable
        #endif
    }

    /// Opens a window and plays `replay` until the user quits (or `debug` says to stop).
    public static func runInteractive(_ replay: Replay, options: ViewerOptions, debug: InteractiveDebug = InteractiveDebug()) throws(ViewerError) {
        #if Viewer
        try InteractiveSession(replay: replay, options: options, debug: debug).run()
        #else
        throw ViewerError.unavailable
        #endif
    }

    /// Throws unless every one of `paths` is missing or a regular file, which writing may replace.
    public static func requireReplaceable(_ paths: [String]) throws(ViewerError) {
        do {
            for path in paths { try AtomicFile.requireReplaceable(path) }
        } catch {
            throw ViewerError(error.description)
        }
    }

    /// `frame_00064.png` for tick 64.
    public static func frameFileName(tick: Int) -> String {
        let digits = String(tick)
        return "frame_" + String(repeating: "0", count: max(5 - digits.count, 0)) + digits + ".png"
    }

    /// The median of `values` (0 for none).
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
