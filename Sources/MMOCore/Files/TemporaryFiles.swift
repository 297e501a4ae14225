import Foundation

/// The temporary files of this process's unfinished atomic writes (`AtomicFile`): created,
/// renamed into place and removed under one lock, so that when the process is interrupted or
/// terminated (SIGINT, SIGTERM) exactly the ones still unfinished are removed before it dies.
///
/// Removal on those signals starts with `removeOnTermination()`, which the `gridmmo` command
/// calls first; a library user that handles signals itself leaves it off.
public enum TemporaryFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: Set<String> = []
    /// The signal sources, kept alive for the life of the process.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Creates `path` (which must not exist) for writing and records it; returns the descriptor,
    /// or -1 with `errno` set.
    static func create(_ path: String) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if descriptor >= 0 { paths.insert(path) }
        return descriptor
    }

    /// Renames the recorded `path` to `destination` and forgets it; the result of `rename`.
    static func moveIntoPlace(_ path: String, at destination: String) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        let result = rename(path, destination)
        if result == 0 { paths.remove(path) }
        return result
    }

    /// Deletes the recorded `path` and forgets it.
    static func delete(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        unlink(path)
        paths.remove(path)
    }

    /// From now on, SIGINT and SIGTERM delete every recorded file and then end the process as the
    /// signal would have (exit status 128 + the signal's number in a shell). Calling it again does nothing.
    public static func removeOnTermination() {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for number in [SIGINT, SIGTERM] {
            // The signal is handled on a dispatch queue, where deleting files is safe, instead of
            // in a signal handler, where almost nothing is.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { terminate(by: number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Deletes every recorded file and ends the process by `number`'s default action. Holds the
    /// lock to the end, so no other thread creates or renames a file meanwhile.
    private static func terminate(by number: Int32) -> Never {
        lock.lock()
        for path in paths { unlink(path) }
        signal(number, SIG_DFL)
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, number)
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        raise(number)
        _exit(128 + number)
    }
}
