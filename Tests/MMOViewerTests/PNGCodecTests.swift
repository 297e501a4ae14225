import Foundation
import MMOViewer
import Testing

/// The PNG writer and reader: round trips, and clear errors for damaged files.
struct PNGCodecTests {
    static func gradient(alpha: Bool) -> RasterImage {
        var image = RasterImage(width: 37, height: 23)
        for y in 0..<23 {
            for x in 0..<37 {
                let a: UInt32 = alpha ? UInt32((x * 7) % 256) : 0xFF
                image[x, y] = a << 24 | UInt32(x * 6) << 16 | UInt32(y * 11) << 8 | UInt32((x ^ y) & 0xFF)
            }
        }
        return image
    }

    @Test(arguments: [false, true])
    func roundTripsExactly(alpha: Bool) throws {
        let image = Self.gradient(alpha: alpha)
        let bytes = PNGCodec.encode(image)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(bytes[25] == (alpha ? 6 : 2), "opaque images are stored as RGB")
        #expect(try PNGCodec.decode(bytes, name: "x.png") == image)
    }

    @Test func readsThePNGsOfTheAssetScript() throws {
        let atlas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../assets/atlas.png").standardized.path
        let image = try ImageFile.readPNG(atlas)
        #expect(image == ArtAtlas.image, "assets/atlas.png and the embedded atlas are the same image")
    }

    @Test func damagedFilesGiveNamedErrors() {
        let bytes = PNGCodec.encode(Self.gradient(alpha: false))
        #expect(throws: ViewerError("a.png: not a PNG file")) { try PNGCodec.decode(Array(bytes.dropFirst()), name: "a.png") }
        #expect(throws: ViewerError("a.png: truncated (no IEND chunk)")) { try PNGCodec.decode(Array(bytes.prefix(40)), name: "a.png") }
        var corrupt = bytes
        corrupt[50] ^= 0xFF
        #expect { try PNGCodec.decode(corrupt, name: "a.png") } throws: { ($0 as? ViewerError)?.message.hasPrefix("a.png: corrupt image data") == true }
    }
}
