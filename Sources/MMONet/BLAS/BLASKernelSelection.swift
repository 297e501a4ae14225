import Foundation

/// Choosing OpenBLAS's fast kernels when it fell back to slow ones.
///
/// A DYNAMIC_ARCH OpenBLAS (Debian's) picks its kernels once, when the library loads, from the CPU
/// model; one too new for it gets the generic `Prescott` kernels, about 5x slower on the policy's
/// GEMM shapes. `OPENBLAS_CORETYPE` overrides the choice, but is read only at load time, so setting
/// it inside `main` is too late: the process must start again with it set.
extension BLASRuntime {
    /// The environment variable OpenBLAS reads, when it loads, to choose its kernels.
    public static let coreTypeVariable = "OPENBLAS_CORETYPE"

    /// The cores OpenBLAS falls back to for a CPU it does not recognise.
    static let fallbackCores: Set<String> = ["Prescott"]

    /// The OpenBLAS core whose kernels a CPU with these `/proc/cpuinfo` flags (space-separated)
    /// runs at full speed: `SkylakeX` with AVX-512 (F, BW, DQ and VL, as those kernels use),
    /// `Haswell` with AVX2 and FMA, else nil.
    public static func coreType(forCPUFlags flags: String) -> String? {
        let present = Set(flags.split(whereSeparator: \.isWhitespace))
        if ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(present.contains) { return "SkylakeX" }
        if ["avx2", "fma"].allSatisfy(present.contains) { return "Haswell" }
        return nil
    }

    /// The `flags` line of `/proc/cpuinfo` text (its first processor's), without the label.
    public static func cpuFlags(fromCPUInfo text: String) -> String? {
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == "flags" { return String(parts[1]) }
        }
        return nil
    }

    /// The core type to restart the process with, or nil to carry on: only when OpenBLAS runs a
    /// fallback core, `OPENBLAS_CORETYPE` is not set (so a restarted process, which has it set,
    /// never restarts again) and the CPU flags (looked at only then) name faster kernels.
    public static func reexecCoreType(currentCore: String, environmentCoreType: String?, cpuFlags: @autoclosure () -> String?) -> String? {
        guard environmentCoreType == nil, fallbackCores.contains(currentCore), let flags = cpuFlags() else { return nil }
        return coreType(forCPUFlags: flags)
    }

    /// Call first thing in `main`: when OpenBLAS fell back to slow kernels on a CPU that runs faster
    /// ones (`reexecCoreType`), sets `OPENBLAS_CORETYPE` and replaces the process with a new run of
    /// the same executable and arguments (`/proc/self/exe`), which loads OpenBLAS with those kernels.
    /// Otherwise, or if the restart fails (said on standard error), returns and the run goes on.
    public static func reexecWithFastKernelsIfNeeded() {
        let current = coreName
        guard let core = reexecCoreType(
            currentCore: current, environmentCoreType: ProcessInfo.processInfo.environment[coreTypeVariable],
            cpuFlags: FileManager.default.contents(atPath: "/proc/cpuinfo").flatMap { cpuFlags(fromCPUInfo: String(decoding: $0, as: UTF8.self)) }
        ) else { return }
        setenv(coreTypeVariable, core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        let reason = String(cString: strerror(errno))
        unsetenv(coreTypeVariable)
        FileHandle.standardError.write(Data("warning: cannot restart with \(coreTypeVariable)=\(core) (\(reason)); running on OpenBLAS's slower \(current) kernels\n".utf8))
    }
}
