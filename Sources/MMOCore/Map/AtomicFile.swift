import Foundation

/// Replaces files all at once: the bytes go to `path + ".tmp"`, which is then renamed over
/// `path`, so a reader sees either the old file or the complete new one, never a partial write.
enum AtomicFile {
    /// Writes `data` to `path` atomically; on failure the temporary file is removed.
    static func write(_ data: Data, to path: String) throws(MapFileError) {
        let temporary = path + ".tmp"
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
        } catch {
            throw MapFileError(path: path, message: "cannot be written: \(error.localizedDescription)")
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw MapFileError(path: path, message: "cannot be replaced: \(reason)")
        }
    }
}
