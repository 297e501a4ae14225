#if canImport(Glibc)
import Glibc
#endif
import MMOCore
@testable import MMOEnv
import Testing

/// `ChunkWorkers` runs every chunk of every call exactly once, on its own threads, with each
/// chunk's writes visible to the caller when `run` returns, and runs a call made while a job is in
/// progress inline instead of deadlocking.
struct ChunkWorkersTests {
    /// One counter per slot; each slot is written by one chunk only, so plain memory suffices.
    private final class Counters: @unchecked Sendable {
        let values: UnsafeMutableBufferPointer<Int>
        init(_ count: Int) { values = .allocate(capacity: count); values.initialize(repeating: 0) }
        deinit { values.deallocate() }
        var array: [Int] { Array(values) }
    }

    @Test(arguments: [1, 2, 3])
    func everyChunkRunsOncePerCall(chunks: Int) {
        let workers = ChunkWorkers(chunks: chunks)
        let runs = Counters(chunks)
        for call in 1...2_000 {
            // Gaps of every length: back to back, and long enough for the workers to go to sleep.
            if call % 500 == 0 { usleep(200) }
            workers.run { chunk in runs.values[chunk] += 1 }
            #expect(runs.values[chunks - 1] == call, "a chunk's write must be visible when run returns")
        }
        workers.stop()
        #expect(runs.array == Array(repeating: 2_000, count: chunks))
    }

    @Test func aCallFromInsideAJobRunsInline() {
        let workers = ChunkWorkers(chunks: 2)
        let inner = Counters(4)  // slot outer * 2 + inner
        workers.run { outer in
            workers.run { chunk in inner.values[outer * 2 + chunk] += 1 }
        }
        workers.stop()
        // Each of the two outer chunks ran both inner chunks itself.
        #expect(inner.array == [1, 1, 1, 1])
    }

    @Test func forEachChunkCoversEveryEnvironmentOnce() {
        let config = Config.small
        let env = VecEnv(config: config, maps: [TerrainGenerator.generate(config: config, seed: 4)], environmentCount: 7, seed: 1, threads: 3)
        let visits = Counters(7)
        for _ in 0..<50 {
            env.forEachChunk { range in
                for index in range { visits.values[index] += 1 }
            }
        }
        #expect(visits.array == Array(repeating: 50, count: 7))
    }
}
