/// Lays out text in the atlas's bitmap font as sprite commands.
public enum TextLayout {
    /// Width in pixels of `text` at `scale`.
    public static func width(of text: String, scale: Int) -> Int {
        text.utf8.count * ArtAtlas.glyphWidth * scale
    }

    /// Line height in pixels at `scale`, with a pixel of spacing between lines.
    public static func lineHeight(scale: Int) -> Int {
        (ArtAtlas.glyphHeight + 2) * scale
    }

    /// Appends the commands that draw `text` with its top-left corner at (`x`, `y`), cut at
    /// `maxWidth` pixels.
    public static func draw(_ text: String, x: Int, y: Int, scale: Int, color: Color, maxWidth: Int = .max, into commands: inout [DrawCommand]) {
        let advance = ArtAtlas.glyphWidth * scale
        var penX = x
        for byte in text.utf8 {
            guard penX + advance - x <= maxWidth else { return }
            if byte != UInt8(ascii: " ") {
                let destination = PixelRect(x: penX, y: y, width: advance, height: ArtAtlas.glyphHeight * scale)
                commands.append(.sprite(source: ArtAtlas.glyph(byte), destination: destination, tint: color))
            }
            penX += advance
        }
    }
}
