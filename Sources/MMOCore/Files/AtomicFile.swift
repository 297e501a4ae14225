import Foundation

/// A file replaced all at once: the bytes go to a temporary file beside it,
/// `.NAME.<pid>.<random>.tmp`, which `commit()` renames over `path`, so a reader sees either the
/// old file or the whole new one, and two writers of the same path never share a temporary file.
///
/// An existing `path` that is not a regular file (a directory, a FIFO, a device such as
/// `/dev/null`) is refused before anything is written, since the rename would replace it. The
/// temporary file is recorded in `TemporaryFiles`, so an interrupted run deletes it; a failed
/// write, `abandon()`, or releasing the file without committing it deletes it too.
public final class AtomicFile {
    /// The file that `commit()` replaces.
    public let path: String
    /// Where the bytes go until `commit()`.
    public let temporaryPath: String
    /// The temporary file's descriptor, -1 once closed.
    private var descriptor: Int32

    /// Creates the temporary file for a new version of `path`.
    public init(replacing path: String) throws(FileError) {
        try Self.requireReplaceable(path)
        self.path = path
        temporaryPath = Self.temporaryPath(for: path)
        descriptor = TemporaryFiles.create(temporaryPath)
        guard descriptor >= 0 else { throw FileError.system(path, "cannot be written") }
    }

    deinit {
        abandon()
    }

    /// Throws unless `path` is missing or a regular file, which is what an atomic write may replace.
    public static func requireReplaceable(_ path: String) throws(FileError) {
        if let problem = FileType(path: path)?.problem {
            throw FileError(path: path, message: problem)
        }
    }

    /// Replaces `path` with a file holding `bytes`, atomically.
    public static func replace(_ path: String, with bytes: some Collection<UInt8>) throws(FileError) {
        let file = try AtomicFile(replacing: path)
        try Array(bytes).withUnsafeBytes { raw in Result { () throws(FileError) in try file.append(raw) } }.get()
        try file.commit()
    }

    /// Appends `bytes` to the temporary file; a failure abandons the file.
    public func append(_ bytes: UnsafeRawBufferPointer) throws(FileError) {
        guard descriptor >= 0 else { throw FileError(path: path, message: "cannot be written: the file was already committed or abandoned") }
        var written = 0
        while written < bytes.count {
            let result = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                throw failure("cannot be written")
            }
            written += result
        }
    }

    /// Flushes the temporary file to disk and renames it to `path`; a failure abandons the file.
    public func commit() throws(FileError) {
        guard descriptor >= 0 else { throw FileError(path: path, message: "cannot be written: the file was already committed or abandoned") }
        guard fsync(descriptor) == 0 else { throw failure("cannot be written") }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else { throw failure("cannot be written") }
        guard TemporaryFiles.moveIntoPlace(temporaryPath, at: path) == 0 else { throw failure("cannot be replaced") }
    }

    /// Closes and deletes the temporary file, unless it was committed.
    public func abandon() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        TemporaryFiles.delete(temporaryPath)
    }

    /// The error of a failed system call (naming `path` and the system's reason), after
    /// deleting the temporary file.
    private func failure(_ action: String) -> FileError {
        let error = FileError.system(path, action)
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        TemporaryFiles.delete(temporaryPath)
        return error
    }

    /// `.NAME.<pid>.<random>.tmp` in the directory of `path`.
    private static func temporaryPath(for path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = ".\((path as NSString).lastPathComponent).\(getpid()).\(String(UInt64.random(in: 0...UInt64.max), radix: 36)).tmp"
        return directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name)
    }
}
