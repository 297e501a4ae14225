#if Viewer
import CSDL2
import MMOCore

/// Carries out `DrawCommand`s on an SDL renderer (a window's or a software renderer on a surface).
///
/// It owns three textures: the art atlas, and the map at two resolutions, 16 pixels of art per
/// tile (drawn at tile sizes of 16 and more) and one average-colour pixel per tile (smaller
/// sizes). `show(materials:)` brings the map textures up to date with a frame by redrawing only
/// the tiles whose material changed.
final class SDLDrawer {
    private let renderer: OpaquePointer
    private let atlas: OpaquePointer
    private let detailedMap: OpaquePointer
    private let flatMap: OpaquePointer
    private let mapSize: Int
    /// The materials the map textures show, by tile.
    private var shownMaterials: [UInt8]
    /// Scratch pixels of one tile.
    private var tilePixels = [UInt32](repeating: 0, count: ArtAtlas.cell * ArtAtlas.cell)

    init(renderer: OpaquePointer, map: GameMap) throws(ViewerError) {
        self.renderer = renderer
        mapSize = map.size
        shownMaterials = map.materials
        let cell = ArtAtlas.cell
        atlas = try Self.texture(renderer, width: ArtAtlas.image.width, height: ArtAtlas.image.height, pixels: ArtAtlas.image.pixels)
        SDL_SetTextureBlendMode(atlas, SDL_BLENDMODE_BLEND)
        let flatPixels = map.materials.map { ArtAtlas.materialColors[Int($0)] }
        flatMap = try Self.texture(renderer, width: map.size, height: map.size, pixels: flatPixels)
        let side = map.size * cell
        var detailed = [UInt32](repeating: 0, count: side * side)
        for row in 0..<map.size {
            for col in 0..<map.size {
                let source = ArtAtlas.tile(Material(rawValue: map.materials[row * map.size + col])!)
                for y in 0..<cell {
                    let target = (row * cell + y) * side + col * cell
                    for x in 0..<cell { detailed[target + x] = ArtAtlas.image[source.x + x, source.y + y] }
                }
            }
        }
        detailedMap = try Self.texture(renderer, width: side, height: side, pixels: detailed)
        SDL_SetTextureBlendMode(flatMap, SDL_BLENDMODE_NONE)
        SDL_SetTextureBlendMode(detailedMap, SDL_BLENDMODE_NONE)
    }

    deinit {
        SDL_DestroyTexture(atlas)
        SDL_DestroyTexture(flatMap)
        SDL_DestroyTexture(detailedMap)
    }

    /// Updates the map textures to show `materials`.
    func show(materials: [UInt8]) {
        let cell = ArtAtlas.cell
        for index in materials.indices where materials[index] != shownMaterials[index] {
            let material = materials[index]
            shownMaterials[index] = material
            let row = index / mapSize, col = index % mapSize
            var color = ArtAtlas.materialColors[Int(material)]
            var flatRect = SDL_Rect(x: Int32(col), y: Int32(row), w: 1, h: 1)
            SDL_UpdateTexture(flatMap, &flatRect, &color, 4)
            let source = ArtAtlas.tile(Material(rawValue: material)!)
            for y in 0..<cell {
                for x in 0..<cell { tilePixels[y * cell + x] = ArtAtlas.image[source.x + x, source.y + y] }
            }
            var tileRect = SDL_Rect(x: Int32(col * cell), y: Int32(row * cell), w: Int32(cell), h: Int32(cell))
            tilePixels.withUnsafeBytes { _ = SDL_UpdateTexture(detailedMap, &tileRect, $0.baseAddress, Int32(cell * 4)) }
        }
    }

    /// Draws `commands` in order.
    func draw(_ commands: [DrawCommand]) {
        for command in commands {
            switch command {
            case .clip(let rect):
                if let rect {
                    var clip = sdlRect(rect)
                    SDL_RenderSetClipRect(renderer, &clip)
                } else {
                    SDL_RenderSetClipRect(renderer, nil)
                }
            case .fill(let rect, let color):
                setColor(color)
                var target = sdlRect(rect)
                SDL_RenderFillRect(renderer, &target)
            case .outline(let rect, let color):
                setColor(color)
                var target = sdlRect(rect)
                SDL_RenderDrawRect(renderer, &target)
            case .line(let fromX, let fromY, let toX, let toY, let color):
                setColor(color)
                SDL_RenderDrawLine(renderer, Int32(clamping: fromX), Int32(clamping: fromY), Int32(clamping: toX), Int32(clamping: toY))
            case .sprite(let source, let destination, let tint):
                SDL_SetTextureColorMod(atlas, tint.red, tint.green, tint.blue)
                SDL_SetTextureAlphaMod(atlas, tint.alpha)
                var from = sdlRect(source)
                var to = sdlRect(destination)
                SDL_RenderCopy(renderer, atlas, &from, &to)
            case .map(let tiles, let x, let y, let tileSize):
                let detailed = tileSize >= ArtAtlas.cell
                let unit = detailed ? ArtAtlas.cell : 1
                var from = sdlRect(PixelRect(x: tiles.x * unit, y: tiles.y * unit, width: tiles.width * unit, height: tiles.height * unit))
                var to = sdlRect(PixelRect(x: x, y: y, width: tiles.width * tileSize, height: tiles.height * tileSize))
                SDL_RenderCopy(renderer, detailed ? detailedMap : flatMap, &from, &to)
            }
        }
    }

    private func setColor(_ color: Color) {
        SDL_SetRenderDrawBlendMode(renderer, color.alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND)
        SDL_SetRenderDrawColor(renderer, color.red, color.green, color.blue, color.alpha)
    }

    /// `rect` in SDL's 32-bit coordinates, clamped to their range, so no position can trap.
    private func sdlRect(_ rect: PixelRect) -> SDL_Rect {
        SDL_Rect(x: Int32(clamping: rect.x), y: Int32(clamping: rect.y), w: Int32(clamping: rect.width), h: Int32(clamping: rect.height))
    }

    private static func texture(_ renderer: OpaquePointer, width: Int, height: Int, pixels: [UInt32]) throws(ViewerError) -> OpaquePointer {
        guard let texture = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888.rawValue, Int32(SDL_TEXTUREACCESS_STATIC.rawValue), Int32(width), Int32(height)) else {
            throw ViewerError("SDL cannot create a \(width)x\(height) texture: \(SDLError.last)")
        }
        pixels.withUnsafeBytes { _ = SDL_UpdateTexture(texture, nil, $0.baseAddress, Int32(width * 4)) }
        return texture
    }
}
#endif
