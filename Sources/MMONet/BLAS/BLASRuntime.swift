import CBLAS

/// The OpenBLAS library under every layer: which kernels it chose for this CPU (its "core") and
/// how many threads it uses. The core matters: Debian's OpenBLAS 0.3.21 falls back to its slow
/// `Prescott` kernels on CPUs newer than it knows (see `reexecWithFastKernelsIfNeeded`), so
/// programs print `coreName` where speed is reported.
public enum BLASRuntime {
    /// The core whose kernels OpenBLAS runs, such as `Haswell`, `SkylakeX`, `Zen` or `Prescott`.
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The threads each OpenBLAS call may use.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// Sets the threads each OpenBLAS call may use (at least 1): 1 when the program runs its own
    /// worker threads, so the two kinds do not compete for cores.
    public static func setThreads(_ count: Int) {
        precondition(count >= 1, "OpenBLAS needs at least one thread")
        openblas_set_num_threads(Int32(clamping: count))
    }
}
