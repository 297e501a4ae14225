import Foundation

/// A regular file opened for reading, with its size: how every reader gets at its bytes.
///
/// Opening refuses directories, FIFOs, devices and sockets (without waiting for a FIFO's
/// writer), so a reader never blocks on a pipe or reads `/dev/zero` forever; reads stop at the
/// size the file had when it was opened, and `contents(of:limit:kind:)` refuses a file larger
/// than its reader's limit before reading any of it.
public final class RegularFile {
    /// The path the file was opened by.
    public let path: String
    /// The file's size in bytes when it was opened.
    public let size: Int
    /// Bytes read so far.
    public private(set) var offset = 0
    private let descriptor: Int32

    /// Opens the file at `path`; throws when it cannot be opened or is not a regular file.
    public init(opening path: String) throws(FileError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw FileError.system(path, "cannot be read") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let error = FileError.system(path, "cannot be read")
            close(descriptor)
            throw error
        }
        if let problem = FileType(mode: status.st_mode).problem {
            close(descriptor)
            throw FileError(path: path, message: problem)
        }
        self.path = path
        self.descriptor = descriptor
        size = Int(status.st_size)
    }

    deinit {
        close(descriptor)
    }

    /// Throws unless the file is at most `limit` bytes, the most a `kind` (such as "replay") may hold.
    public func requireSize(atMost limit: Int, kind: String) throws(FileError) {
        guard size <= limit else {
            throw FileError(path: path, message: "is \(size) bytes, more than the \(limit) bytes a \(kind) may have")
        }
    }

    /// Appends the next bytes of the file to `bytes`, at most `count` of them and never past
    /// `size`; fewer only when the file has shrunk since it was opened.
    public func readNext(_ count: Int, into bytes: inout [UInt8]) throws(FileError) {
        let wanted = min(count, size - offset)
        guard wanted > 0 else { return }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: wanted))
        var done = 0
        while done < wanted {
            let result = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + start + done, wanted - done) }
            if result == 0 { break }
            if result < 0 {
                if errno == EINTR { continue }
                bytes.removeLast(wanted)
                throw FileError.system(path, "cannot be read")
            }
            done += result
        }
        bytes.removeLast(wanted - done)
        offset += done
    }

    /// The whole content of the regular file at `path`, refused when it is larger than
    /// `limit` bytes, the most a `kind` (such as "config file") may hold.
    public static func contents(of path: String, limit: Int, kind: String) throws(FileError) -> [UInt8] {
        let file = try RegularFile(opening: path)
        try file.requireSize(atMost: limit, kind: kind)
        var bytes: [UInt8] = []
        try file.readNext(file.size, into: &bytes)
        return bytes
    }
}
