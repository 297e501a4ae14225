import Foundation
import Testing

/// The `gridmmo` executable built beside the test bundle, run as a child process the way a shell
/// starts it: no signal blocked or ignored (the test runner's threads block most signals, and
/// children inherit that), for the tests that need a real process: exit statuses, standard error
/// and signals.
final class GridMMOProcess {
    let pid: pid_t
    /// How the process ended, once it has: its exit status, or the signal that killed it.
    private(set) var ending: (status: Int32?, signal: Int32?)?

    /// The `gridmmo` executable of this build (`.build/debug/gridmmo` next to the test bundle).
    static var executable: String {
        Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent("gridmmo").path
    }

    /// Starts `gridmmo arguments` with standard output discarded and standard error going to the
    /// descriptor `standardError` (discarded when nil).
    init(_ arguments: [String], standardError: Int32? = nil) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable), "build gridmmo first: \(Self.executable) is missing")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        if let standardError {
            posix_spawn_file_actions_adddup2(&actions, standardError, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([Self.executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, Self.executable, &actions, &attributes, argv, environ)
        try #require(status == 0, "posix_spawn failed: \(String(cString: strerror(status)))")
        self.pid = pid
    }

    /// Whether the process has not ended yet.
    var isRunning: Bool {
        if ending == nil { reap(options: WNOHANG) }
        return ending == nil
    }

    /// Waits for the process to end; returns its exit status, or the signal that killed it.
    @discardableResult
    func wait() -> (status: Int32?, signal: Int32?) {
        while ending == nil { reap(options: 0) }
        return ending!
    }

    private func reap(options: Int32) {
        var status: Int32 = 0
        guard waitpid(pid, &status, options) == pid else { return }
        let signal = status & 0x7F
        ending = signal == 0 ? ((status >> 8) & 0xFF, nil) : (nil, signal)
    }

    /// Runs `gridmmo arguments` to the end; returns its exit status and standard error.
    static func run(_ arguments: [String]) throws -> (status: Int32?, errors: String) {
        var descriptors: [Int32] = [0, 0]
        try #require(pipe(&descriptors) == 0)
        // Other tests' children must not inherit the pipe (that would hold it open past this child).
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        let process = try GridMMOProcess(arguments, standardError: descriptors[1])
        close(descriptors[1])
        let errors = FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: true).readDataToEndOfFile()
        return (process.wait().status, String(decoding: errors, as: UTF8.self))
    }
}
