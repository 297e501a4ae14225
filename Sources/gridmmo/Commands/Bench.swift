import ArgumentParser

/// `gridmmo bench`: the quick benchmarks. Without a subcommand, or with `step`, the batched step's
/// agent-steps per second (`BenchStep`); with `blas`, OpenBLAS's core and sgemm speed (`BenchBLAS`).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the batched step (default: step) or the BLAS kernels (blas).",
        subcommands: [BenchStep.self, BenchBLAS.self],
        defaultSubcommand: BenchStep.self
    )
}
