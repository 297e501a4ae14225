#if Viewer
import CSDL2

/// SDL's description of its last error.
enum SDLError {
    static var last: String { String(cString: SDL_GetError()) }
}
#endif
