#if Viewer
import CSDL2
import MMOCore

/// Renders frames without a display: SDL's software renderer drawing on an `SDL_Surface` in
/// memory (no `SDL_Init(VIDEO)`), so the pixels are the same on every machine, which the golden
/// image tests rely on.
final class HeadlessRenderer {
    private let surface: UnsafeMutablePointer<SDL_Surface>
    private let renderer: OpaquePointer
    private let drawer: SDLDrawer
    private let scene: SceneBuilder
    let width: Int
    let height: Int

    init(replay: Replay, timeline: ReplayTimeline, width: Int, height: Int) throws(ViewerError) {
        guard let surface = SDL_CreateRGBSurfaceWithFormat(0, Int32(width), Int32(height), 32, SDL_PIXELFORMAT_ARGB8888.rawValue) else {
            throw ViewerError("SDL cannot create a \(width)x\(height) surface: \(SDLError.last)")
        }
        guard let renderer = SDL_CreateSoftwareRenderer(surface) else {
            SDL_FreeSurface(surface)
            throw ViewerError("SDL cannot create a software renderer: \(SDLError.last)")
        }
        self.surface = surface
        self.renderer = renderer
        self.width = width
        self.height = height
        do {
            drawer = try SDLDrawer(renderer: renderer, map: replay.map)
        } catch {
            SDL_DestroyRenderer(renderer)
            SDL_FreeSurface(surface)
            throw error
        }
        scene = SceneBuilder(replay: replay, timeline: timeline)
    }

    deinit {
        SDL_DestroyRenderer(renderer)
        SDL_FreeSurface(surface)
    }

    /// Draws `frame` as `state` shows it (following the selection if asked); returns the image and
    /// the milliseconds spent building and drawing it (not counting copying the pixels out).
    func render(frame: ReplayFrame, state: inout ViewerState, caption: String? = nil) -> (image: RasterImage, milliseconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        state.updateCamera(for: frame)
        drawer.show(materials: frame.materials)
        drawer.draw(scene.build(frame: frame, state: state, caption: caption))
        SDL_RenderFlush(renderer)
        let elapsed = clock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return (pixels(), milliseconds)
    }

    private func pixels() -> RasterImage {
        var image = RasterImage(width: width, height: height)
        let pitch = Int(surface.pointee.pitch)
        let base = surface.pointee.pixels!
        for y in 0..<height {
            let row = (base + y * pitch).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width { image[x, y] = row[x] | 0xFF00_0000 }
        }
        return image
    }
}
#endif
