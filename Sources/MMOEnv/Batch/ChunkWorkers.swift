#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The threads a `VecEnv` runs its chunks on: the caller runs chunk 0 and `chunks - 1` persistent
/// workers run one chunk each. Between jobs a worker keeps checking for the next one for up to
/// `spinNanoseconds` before it sleeps on a condition variable, so a caller that comes back within
/// that time (a step right after a policy's act, or after a Python binding's few microseconds of
/// glue) finds it awake instead of waiting for a sleeping thread to be woken and scheduled, which
/// costs about 10 microseconds here, 5% of a default step (measured against
/// `DispatchQueue.concurrentPerform`, whose idle workers park within a few microseconds).
///
/// A call made while a job is running (from a chunk's body, or from another thread) runs all its
/// chunks inline on its own thread: the same ranges, so the same results, only not in parallel.
///
/// With more than one chunk a call allocates one 32-byte object: `withoutActuallyEscaping`, which
/// lets the workers call the caller's non-escaping body, boxes it (measured with valgrind's dhat;
/// `concurrentPerform` made six allocations per call). One chunk allocates nothing.
final class ChunkWorkers: @unchecked Sendable {
    /// How long an idle worker looks for the next job before sleeping.
    static let spinNanoseconds: UInt64 = 50_000

    let chunks: Int
    private var threads: [pthread_t] = []
    /// Bumped once per job (and once to stop); a worker runs a job when it sees a new value.
    private let generation = Atomic<Int>(0)
    /// Workers still running the current job's chunks.
    private let pending = Atomic<Int>(0)
    /// Workers sleeping on `wakeUp` (or about to): a job start signals only when there are some.
    private let sleepers = Atomic<Int>(0)
    /// Whether a job is running (calls meanwhile run inline).
    private let busy = Atomic<Bool>(false)
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wakeUp = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// The current job; written before `generation` is bumped, read by workers after they see it.
    private var job: ((Int) -> Void)?
    private var stopping = false

    /// Starts `chunks - 1` worker threads (none for one chunk).
    init(chunks: Int) {
        precondition(chunks >= 1, "ChunkWorkers needs at least one chunk")
        self.chunks = chunks
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wakeUp, nil)
        for worker in 1..<chunks {
            let context = Unmanaged.passRetained(WorkerContext(workers: self, chunk: worker)).toOpaque()
            var thread = pthread_t()
            let created = pthread_create(&thread, nil, { context in
                let worker = Unmanaged<WorkerContext>.fromOpaque(context!).takeRetainedValue()
                worker.workers.serve(chunk: worker.chunk)
                return nil
            }, context)
            precondition(created == 0, "could not start a worker thread (pthread_create returned \(created))")
            threads.append(thread)
        }
    }

    /// Stops the workers. Only the owner calls it (from its `deinit`), when no job can be running.
    func stop() {
        stopping = true
        generation.add(1, ordering: .sequentiallyConsistent)
        pthread_mutex_lock(mutex)
        pthread_cond_broadcast(wakeUp)
        pthread_mutex_unlock(mutex)
        for thread in threads { pthread_join(thread, nil) }
        threads = []
        pthread_cond_destroy(wakeUp)
        pthread_mutex_destroy(mutex)
        wakeUp.deallocate()
        mutex.deallocate()
    }

    /// Runs `body(chunk)` for every chunk in 0..<chunks and returns when all are done.
    func run(_ body: (Int) -> Void) {
        guard chunks > 1, busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for chunk in 0..<chunks { body(chunk) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            job = escapable
            pending.store(chunks - 1, ordering: .relaxed)
            generation.add(1, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(mutex)
                pthread_cond_broadcast(wakeUp)
                pthread_mutex_unlock(mutex)
            }
            escapable(0)
            while pending.load(ordering: .acquiring) > 0 { sched_yield() }
            job = nil
        }
        busy.store(false, ordering: .releasing)
    }

    /// A worker's loop: wait for a new generation, run its chunk of that job, repeat until stopped.
    private func serve(chunk: Int) {
        var seen = 0
        while true {
            seen = waitForJob(after: seen)
            if stopping { return }
            job!(chunk)
            pending.subtract(1, ordering: .releasing)
        }
    }

    /// Spins for up to `spinNanoseconds`, then sleeps, until `generation` differs from `seen`;
    /// returns the new value.
    private func waitForJob(after seen: Int) -> Int {
        let deadline = Self.now() &+ Self.spinNanoseconds
        while true {
            let current = generation.load(ordering: .acquiring)
            if current != seen { return current }
            if Self.now() >= deadline { break }
        }
        pthread_mutex_lock(mutex)
        sleepers.add(1, ordering: .sequentiallyConsistent)
        var current = generation.load(ordering: .sequentiallyConsistent)
        while current == seen {
            pthread_cond_wait(wakeUp, mutex)
            current = generation.load(ordering: .sequentiallyConsistent)
        }
        sleepers.subtract(1, ordering: .sequentiallyConsistent)
        pthread_mutex_unlock(mutex)
        return current
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}

/// What a worker thread is started with.
private final class WorkerContext {
    let workers: ChunkWorkers
    let chunk: Int

    init(workers: ChunkWorkers, chunk: Int) {
        self.workers = workers
        self.chunk = chunk
    }
}
