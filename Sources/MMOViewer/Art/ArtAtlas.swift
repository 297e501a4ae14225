import Foundation
import MMOCore

/// The viewer's art, drawn by `scripts/make_assets.py`: one atlas image with a 16x16 tile per
/// material, the entity sprites, the item icons and a 6x8 bitmap font, and where each piece lies.
public enum ArtAtlas {
    /// Side of a tile, sprite or icon in the atlas, in pixels.
    public static let cell = 16
    /// Size of a font cell; glyphs are 5x7 with a pixel of spacing.
    public static let glyphWidth = 6
    public static let glyphHeight = 8
    private static let fontTop = 48
    private static let glyphsPerRow = 32

    /// The atlas as an image (ARGB pixels).
    public static let image: RasterImage = {
        do {
            guard let data = Data(base64Encoded: ArtAtlasPNG.base64, options: .ignoreUnknownCharacters) else {
                throw ViewerError("not base64")
            }
            return try PNGCodec.decode([UInt8](data), name: "the embedded art atlas")
        } catch {
            preconditionFailure("ArtAtlasPNG is damaged (\(error)): rerun scripts/make_assets.py")
        }
    }()

    /// The tile of a material.
    public static func tile(_ material: Material) -> PixelRect {
        PixelRect(x: Int(material.rawValue) * cell, y: 0, width: cell, height: cell)
    }

    /// The sprite of an entity kind (players are white, to be tinted by team); `nil` for `.empty`.
    public static func sprite(_ kind: EntityKind) -> PixelRect? {
        switch kind {
        case .empty: return nil
        case .player: return PixelRect(x: 0, y: cell, width: cell, height: cell)
        case .passiveNPC: return PixelRect(x: cell, y: cell, width: cell, height: cell)
        case .neutralNPC: return PixelRect(x: 2 * cell, y: cell, width: cell, height: cell)
        case .hostileNPC: return PixelRect(x: 3 * cell, y: cell, width: cell, height: cell)
        }
    }

    /// The gravestone drawn where an entity died.
    public static let deathMarker = PixelRect(x: 4 * cell, y: cell, width: cell, height: cell)

    /// The icon of an item type.
    public static func icon(_ item: ItemIcon) -> PixelRect {
        PixelRect(x: item.rawValue * cell, y: 2 * cell, width: cell, height: cell)
    }

    /// The font cell of a character; characters outside printable ASCII show as `?`.
    public static func glyph(_ character: UInt8) -> PixelRect {
        let index = Int((32...126).contains(character) ? character : UInt8(ascii: "?")) - 32
        return PixelRect(x: (index % glyphsPerRow) * glyphWidth, y: fontTop + (index / glyphsPerRow) * glyphHeight, width: glyphWidth, height: glyphHeight)
    }

    /// Each material's average colour, by raw value: the map at zoom levels below one pixel of
    /// art per pixel, where tile detail would only alias.
    public static let materialColors: [UInt32] = Material.allCases.map { material in
        let rect = tile(material)
        var red = 0, green = 0, blue = 0
        for y in rect.y..<rect.maxY {
            for x in rect.x..<rect.maxX {
                let pixel = image[x, y]
                red += Int(pixel >> 16 & 0xFF)
                green += Int(pixel >> 8 & 0xFF)
                blue += Int(pixel & 0xFF)
            }
        }
        let count = rect.width * rect.height
        return 0xFF00_0000 | UInt32(red / count) << 16 | UInt32(green / count) << 8 | UInt32(blue / count)
    }
}
