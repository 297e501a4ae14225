import Foundation

/// Writes image files atomically: the bytes go to `path + ".tmp"`, then are renamed to `path`.
public enum ImageFile {
    /// Writes `image` as a PNG file at `path`.
    public static func writePNG(_ image: RasterImage, to path: String) throws(ViewerError) {
        let temporary = path + ".tmp"
        do {
            try Data(PNGCodec.encode(image)).write(to: URL(fileURLWithPath: temporary))
        } catch {
            throw ViewerError("\(path): cannot be written: \(error.localizedDescription)")
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw ViewerError("\(path): cannot be created: \(reason)")
        }
    }

    /// Reads the PNG file at `path`.
    public static func readPNG(_ path: String) throws(ViewerError) -> RasterImage {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ViewerError("\(path): cannot be read")
        }
        return try PNGCodec.decode([UInt8](data), name: path)
    }
}
