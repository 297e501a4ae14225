import Testing

/// `gridmmo bench blas`, run as the built executable: the core line, one line per product and the
/// total; the step benchmark still runs without the subcommand.
struct BenchBLASCommandTests {
    @Test func printsTheCoreAndEveryProductOfEachLayer() throws {
        let outcome = try CommandRunner.launch(["bench", "blas", "--layer", "16x8", "--layer", "8x4", "--batch", "32",
                                                "--repetitions", "3", "--seconds", "0.001", "--threads", "1"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let lines = outcome.standardOutput.split(separator: "\n")
        #expect(lines.count == 9, "\(outcome.standardOutput)")
        #expect(lines.first?.hasPrefix("OpenBLAS core ") == true)
        #expect(lines.first?.contains("1 thread(s); sgemm GFLOP/s, median (min-max) of 3 repetition(s)") == true)
        #expect(lines[2].hasPrefix("16->8        X W^T    32 x 8 x 16, NoTrans/Trans"))
        #expect(lines[3].hasPrefix("16->8        dY W     32 x 16 x 8, NoTrans/NoTrans"))
        #expect(lines[4].hasPrefix("16->8        dY^T X   8 x 16 x 32, Trans/NoTrans"))
        #expect(lines[7].hasPrefix("8->4         dY^T X   4 x 8 x 32, Trans/NoTrans"))
        #expect(lines.last?.hasPrefix("all products: ") == true)
    }

    @Test func theStepBenchmarkStillRunsWithoutTheSubcommand() {
        CommandRunner.succeed(["bench", "--preset", "small", "--envs", "1", "--ticks", "4", "--repetitions", "1"])
    }
}
