import Dispatch

/// Runs `body(worker)` for every worker in 0..<count concurrently and returns when all are done
/// (inline when count is 1). The caller guarantees that workers touch disjoint memory: each reads
/// shared inputs and writes only its own rows, workspace and gradient vector.
///
/// Workers call OpenBLAS with one thread each: OpenBLAS's own threads would compete with them for
/// the cores and, called from several threads at once, split a call differently from one run to
/// the next, which changes the last bits of results that must repeat on any thread count.
public func runWorkers(_ count: Int, _ body: (Int) -> Void) {
    if BLASRuntime.threads != 1 { BLASRuntime.setThreads(1) }
    if count <= 1 {
        body(0)
        return
    }
    withoutActuallyEscaping(body) { escapable in
        let shared = SharedBody(body: escapable)
        DispatchQueue.concurrentPerform(iterations: count) { worker in shared.body(worker) }
    }
}

/// A non-Sendable closure handed to worker threads under `runWorkers`' disjointness rule.
private struct SharedBody: @unchecked Sendable {
    let body: (Int) -> Void
}

/// Runs `body(range)` concurrently on `workers` contiguous, near-equal ranges covering 0..<count
/// (element-wise loops over a parameter vector: each element is handled by exactly one worker, in
/// the same arithmetic whatever the worker count).
public func runWorkers(_ workers: Int, splitting count: Int, _ body: (Range<Int>) -> Void) {
    let workers = max(1, min(workers, count))
    runWorkers(workers) { worker in body(worker * count / workers..<(worker + 1) * count / workers) }
}
