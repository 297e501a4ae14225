#if Viewer
import CSDL2
import MMOCore

/// The viewer window: an SDL event loop that turns keys and mouse actions into `ViewerCommand`s,
/// advances playback by wall time and draws at most 60 frames a second (vsync when available).
final class InteractiveSession {
    /// Shortest time between frames, in seconds.
    static let frameInterval = 1.0 / 60
    /// Pointer travel, in pixels, above which a press on the map is a drag rather than a click.
    static let dragThreshold = 3

    private let replay: Replay
    private let options: ViewerOptions
    private let debug: InteractiveDebug
    private var state: ViewerState
    private var frame: ReplayFrame
    /// Where the left button went down on the map, and whether it has dragged since.
    private var press: (x: Int, y: Int, dragged: Bool)?
    private var scrubbing = false

    init(replay: Replay, options: ViewerOptions, debug: InteractiveDebug) {
        self.replay = replay
        self.options = options
        self.debug = debug
        state = options.initialState(for: replay)
        frame = replay.frame(at: 0)
    }

    func run() throws(ViewerError) {
        guard SDL_Init(SDL_INIT_VIDEO) == 0 else {
            throw ViewerError("cannot open a window: \(SDLError.last) (no display? `--headless` renders to files)")
        }
        defer { SDL_Quit() }
        let undefinedPosition = Int32(bitPattern: 0x1FFF_0000)
        guard let window = SDL_CreateWindow("GridMMO - \(replay.file)", undefinedPosition, undefinedPosition, Int32(options.width), Int32(options.height), SDL_WINDOW_RESIZABLE.rawValue) else {
            throw ViewerError("cannot open a window: \(SDLError.last)")
        }
        defer { SDL_DestroyWindow(window) }
        let accelerated = SDL_RENDERER_ACCELERATED.rawValue | SDL_RENDERER_PRESENTVSYNC.rawValue
        guard let renderer = SDL_CreateRenderer(window, -1, accelerated) ?? SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE.rawValue) else {
            throw ViewerError("cannot create a renderer for the window: \(SDLError.last)")
        }
        defer { SDL_DestroyRenderer(renderer) }
        let drawer = try SDLDrawer(renderer: renderer, map: replay.map)
        let scene = SceneBuilder(replay: replay, timeline: ReplayTimeline(replay: replay))

        for key in debug.keys {
            if let command = KeyBinding.command(for: key) { perform(command) }
        }
        let frequency = Double(SDL_GetPerformanceFrequency())
        let started = SDL_GetPerformanceCounter()
        var last = started
        var event = SDL_Event()
        while true {
            while SDL_PollEvent(&event) != 0 { handle(event) }
            let now = SDL_GetPerformanceCounter()
            state.advance(seconds: Double(now - last) / frequency)
            last = now
            let timeUp = debug.exitAfterSeconds.map { Double(now - started) / frequency >= $0 } ?? false
            if frame.tick != state.tick { frame = replay.frame(at: state.tick) }
            state.updateCamera(for: frame)
            drawer.show(materials: frame.materials)
            drawer.draw(scene.build(frame: frame, state: state))
            if state.quitRequested || timeUp {
                if let path = debug.screenshotPath { try screenshot(renderer, to: path) }
                return
            }
            SDL_RenderPresent(renderer)
            let spent = Double(SDL_GetPerformanceCounter() - now) / frequency
            if spent < Self.frameInterval { SDL_Delay(UInt32((Self.frameInterval - spent) * 1000)) }
        }
    }

    private func perform(_ command: ViewerCommand) {
        state.apply(command, frame: frame)
        if frame.tick != state.tick {
            frame = replay.frame(at: state.tick)
            state.updateCamera(for: frame)
        }
    }

    private func handle(_ event: SDL_Event) {
        switch SDL_EventType(event.type) {
        case SDL_QUIT:
            perform(.quit)
        case SDL_WINDOWEVENT where event.window.event == UInt8(SDL_WINDOWEVENT_SIZE_CHANGED.rawValue):
            state.resize(to: FrameLayout(width: Int(event.window.data1), height: Int(event.window.data2)))
        case SDL_KEYDOWN:
            if let key = Self.key(forKeycode: event.key.keysym.sym), let command = KeyBinding.command(for: key) { perform(command) }
        case SDL_TEXTINPUT:
            var text = event.text.text
            let typed = withUnsafeBytes(of: &text) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            for character in typed where character != " " {
                if let command = KeyBinding.command(for: .character(Character(character.lowercased()))) { perform(command) }
            }
        case SDL_MOUSEBUTTONDOWN where event.button.button == UInt8(SDL_BUTTON_LEFT):
            let x = Int(event.button.x), y = Int(event.button.y)
            if state.layout.timeline.contains(x: x, y: y) {
                scrubbing = true
                perform(.seekTimeline(x: x))
            } else if state.layout.map.contains(x: x, y: y) {
                press = (x, y, false)
            }
        case SDL_MOUSEMOTION:
            if scrubbing {
                perform(.seekTimeline(x: Int(event.motion.x)))
            } else if var current = press {
                let distance = abs(Int(event.motion.x) - current.x) + abs(Int(event.motion.y) - current.y)
                if current.dragged || distance > Self.dragThreshold {
                    current.dragged = true
                    press = current
                    perform(.pan(dx: Int(event.motion.xrel), dy: Int(event.motion.yrel)))
                }
            }
        case SDL_MOUSEBUTTONUP where event.button.button == UInt8(SDL_BUTTON_LEFT):
            if let current = press, !current.dragged { perform(.selectAt(x: current.x, y: current.y)) }
            press = nil
            scrubbing = false
        case SDL_MOUSEWHEEL:
            var x: Int32 = 0, y: Int32 = 0
            SDL_GetMouseState(&x, &y)
            if state.layout.map.contains(x: Int(x), y: Int(y)) && event.wheel.y != 0 {
                perform(.zoom(steps: event.wheel.y > 0 ? 1 : -1, x: Int(x), y: Int(y)))
            }
        default:
            break
        }
    }

    /// The non-character keys (characters arrive as text input, so shifted keys such as `?` work).
    private static func key(forKeycode code: SDL_Keycode) -> Key? {
        switch Int(code) {
        case Int(SDLK_SPACE.rawValue): return .space
        case Int(SDLK_LEFT.rawValue): return .left
        case Int(SDLK_RIGHT.rawValue): return .right
        case Int(SDLK_UP.rawValue): return .up
        case Int(SDLK_DOWN.rawValue): return .down
        case Int(SDLK_HOME.rawValue): return .home
        case Int(SDLK_END.rawValue): return .end
        case Int(SDLK_PAGEUP.rawValue): return .pageUp
        case Int(SDLK_PAGEDOWN.rawValue): return .pageDown
        case Int(SDLK_TAB.rawValue): return .tab
        case Int(SDLK_ESCAPE.rawValue): return .escape
        default: return nil
        }
    }

    /// Writes what the renderer has drawn to a PNG file.
    private func screenshot(_ renderer: OpaquePointer, to path: String) throws(ViewerError) {
        var width: Int32 = 0, height: Int32 = 0
        SDL_GetRendererOutputSize(renderer, &width, &height)
        var image = RasterImage(width: Int(width), height: Int(height))
        let status = image.pixels.withUnsafeMutableBytes { SDL_RenderReadPixels(renderer, nil, SDL_PIXELFORMAT_ARGB8888.rawValue, $0.baseAddress, width * 4) }
        guard status == 0 else { throw ViewerError("--screenshot \(path): cannot read the window's pixels: \(SDLError.last)") }
        for index in image.pixels.indices { image.pixels[index] |= 0xFF00_0000 }
        try ImageFile.writePNG(image, to: path)
    }
}
#endif
