/// Measures sgemm speed on a policy's `Linear` products (`gridmmo bench blas`): GFLOP/s per
/// product, as the median of repeated timings, each long enough to dwarf the clock.
public enum GEMMBenchmark {
    /// The layers (inputs, outputs) of a policy-sized network, the default shapes measured.
    public static let policyLayers: [(inputs: Int, outputs: Int)] = [(512, 256), (256, 256), (256, 128), (128, 512)]

    /// One product's speed over the repetitions.
    public struct Measurement: Sendable {
        public let product: LinearProduct
        /// GFLOP/s of each repetition, ascending.
        public let rates: [Double]

        public var median: Double { rates[rates.count / 2] }
        public var minimum: Double { rates[0] }
        public var maximum: Double { rates[rates.count - 1] }
    }

    /// The forward, input-gradient and weight-gradient products of each layer, in that order.
    public static func products(batch: Int, layers: [(inputs: Int, outputs: Int)]) -> [LinearProduct] {
        layers.flatMap { layer in LinearProduct.Kind.allCases.map { LinearProduct($0, batch: batch, inputs: layer.inputs, outputs: layer.outputs) } }
    }

    /// Times `product` on random operands `repetitions` times (at least 1), each repetition running
    /// it as many times as fit in about `secondsPerRepetition` by a first, uncounted run.
    public static func measure(_ product: LinearProduct, repetitions: Int, secondsPerRepetition: Double) -> Measurement {
        precondition(repetitions >= 1, "at least one repetition")
        let counts = product.operandCounts
        var random = NetRandom(seed: 1)
        let left = Tensor(shape: [counts.left]), right = Tensor(shape: [counts.right]), result = Tensor(shape: [counts.result])
        for tensor in [left, right] {
            for index in 0..<tensor.count { tensor.pointer[index] = random.unitFloat() - 0.5 }
        }
        let clock = ContinuousClock()
        func seconds(_ runs: Int) -> Double {
            let start = clock.now
            for _ in 0..<runs { product.run(left: left.pointer, right: right.pointer, result: result.pointer, beta: 0) }
            let elapsed = clock.now - start
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        }
        let runs = max(1, Int(secondsPerRepetition / max(seconds(1), 1e-9)))
        let rates = (0..<repetitions).map { _ in product.flops * Double(runs) / seconds(runs) / 1e9 }
        return Measurement(product: product, rates: rates.sorted())
    }
}
