import ArgumentParser
import Foundation
import MMONet

/// `gridmmo bench blas`: the OpenBLAS core this process runs on and the sgemm speed of a policy's
/// `Linear` products (forward X W^T, input gradient dY W, weight gradient dY^T X) per layer, in
/// GFLOP/s: the median of repeated timings, with their range, and the rate of all products
/// together (their total work over the sum of their median times).
struct BenchBLAS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blas",
        abstract: "Print OpenBLAS's core and measure sgemm GFLOP/s on a policy's layer shapes."
    )

    @Option(help: "Rows per product (the training minibatch).") var batch: Int = 1024
    @Option(name: .customLong("layer"), parsing: .unconditionalSingleValue,
            help: "A layer as INPUTSxOUTPUTS, repeatable (default 512x256 256x256 256x128 128x512).")
    var layers: [String] = []
    @Option(help: "OpenBLAS threads per call.") var threads: Int = 1
    @Option(help: "Timed repetitions per product; the median is reported.") var repetitions: Int = 7
    @Option(help: "Seconds each repetition runs for, about.") var seconds: Double = 0.1

    func validate() throws {
        guard (1...65536).contains(batch) else { throw ValidationError("--batch must be in 1...65536, got \(batch)") }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be in 1...256, got \(threads)") }
        guard (1...1000).contains(repetitions) else { throw ValidationError("--repetitions must be in 1...1000, got \(repetitions)") }
        guard (0.001...60).contains(seconds) else { throw ValidationError("--seconds must be in 0.001...60, got \(seconds)") }
        _ = try parsedLayers()
    }

    /// The `--layer` values as (inputs, outputs), or the policy layers when none is given.
    func parsedLayers() throws -> [(inputs: Int, outputs: Int)] {
        guard !layers.isEmpty else { return GEMMBenchmark.policyLayers }
        return try layers.map { text in
            let parts = text.split(separator: "x", omittingEmptySubsequences: false)
            guard parts.count == 2, let inputs = Int(parts[0]), let outputs = Int(parts[1]),
                  (1...16384).contains(inputs), (1...16384).contains(outputs) else {
                throw ValidationError("--layer must be INPUTSxOUTPUTS with both in 1...16384, such as 512x256, got '\(text)'")
            }
            return (inputs, outputs)
        }
    }

    func run() throws {
        BLASRuntime.setThreads(threads)
        let variable = ProcessInfo.processInfo.environment[BLASRuntime.coreTypeVariable].map { "\(BLASRuntime.coreTypeVariable)=\($0)" }
            ?? "\(BLASRuntime.coreTypeVariable) unset"
        print("OpenBLAS core \(BLASRuntime.coreName) (\(variable)), \(BLASRuntime.threads) thread(s); sgemm GFLOP/s, median (min-max) of \(repetitions) repetition(s)")
        print("layer        product  sgemm M x N x K, A/B               GFLOP/s")
        var flops = 0.0, time = 0.0
        for product in GEMMBenchmark.products(batch: batch, layers: try parsedLayers()) {
            let measured = GEMMBenchmark.measure(product, repetitions: repetitions, secondsPerRepetition: seconds)
            flops += product.flops
            time += product.flops / (measured.median * 1e9)
            let layer = "\(product.inputs)->\(product.outputs)"
            let shape = "\(product.m) x \(product.n) x \(product.k), \(product.transposesLeft ? "Trans" : "NoTrans")/\(product.transposesRight ? "Trans" : "NoTrans")"
            print(layer.padding(toLength: 13, withPad: " ", startingAt: 0) + product.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                  + shape.padding(toLength: 35, withPad: " ", startingAt: 0)
                  + String(format: "%.1f (%.1f-%.1f)", measured.median, measured.minimum, measured.maximum))
        }
        print(String(format: "all products: %.1f GFLOP/s (their total work over the sum of their median times)", flops / time / 1e9))
    }
}
