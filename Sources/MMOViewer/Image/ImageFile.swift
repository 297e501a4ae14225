import MMOCore

/// Reads and writes PNG files; writing replaces the file atomically (`AtomicFile`).
public enum ImageFile {
    /// The largest PNG file a reader accepts, 256 MiB: as much as the pixels of an 8192 x 8192
    /// frame, the largest the viewer makes, take uncompressed.
    public static let largestFile = 256 << 20

    /// Writes `image` as a PNG file at `path`.
    public static func writePNG(_ image: RasterImage, to path: String) throws(ViewerError) {
        do {
            try AtomicFile.replace(path, with: PNGCodec.encode(image))
        } catch {
            throw ViewerError(error.description)
        }
    }

    /// Reads the PNG file at `path`.
    public static func readPNG(_ path: String) throws(ViewerError) -> RasterImage {
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.contents(of: path, limit: largestFile, kind: "PNG file")
        } catch {
            throw ViewerError(error.description)
        }
        return try PNGCodec.decode(bytes, name: path)
    }
}
