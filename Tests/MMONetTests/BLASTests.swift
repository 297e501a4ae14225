import Testing
import MMONet

/// OpenBLAS's runtime controls, the choice of kernels to restart with, and the `Linear` products.
@Suite struct BLASTests {
    static let skylakeFlags = "fpu vme sse sse2 ssse3 fma avx avx2 avx512f avx512dq avx512cd avx512bw avx512vl"

    @Test func coreTypeFollowsTheCPUFlags() {
        #expect(BLASRuntime.coreType(forCPUFlags: Self.skylakeFlags) == "SkylakeX")
        // Knights Landing has AVX-512F without BW, DQ and VL, which SkylakeX kernels use.
        #expect(BLASRuntime.coreType(forCPUFlags: "sse2 fma avx avx2 avx512f avx512cd avx512er avx512pf") == "Haswell")
        #expect(BLASRuntime.coreType(forCPUFlags: "sse2 fma avx avx2 bmi2") == "Haswell")
        #expect(BLASRuntime.coreType(forCPUFlags: "sse2 avx avx2") == nil)
        #expect(BLASRuntime.coreType(forCPUFlags: "sse2 sse4_2 avx") == nil)
        #expect(BLASRuntime.coreType(forCPUFlags: "avx512fx avx512bwx avx512dqx avx512vlx avx2x fmax") == nil, "whole flags only")
        #expect(BLASRuntime.coreType(forCPUFlags: "") == nil)
    }

    @Test func flagsComeFromTheFirstProcessorOfCPUInfo() {
        let cpuInfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu avx2 fma\nbugs\t\t: spectre_v1\n\nprocessor\t: 1\nflags\t\t: other\n"
        #expect(BLASRuntime.cpuFlags(fromCPUInfo: cpuInfo) == " fpu avx2 fma")
        #expect(BLASRuntime.cpuFlags(fromCPUInfo: "processor\t: 0\nFeatures\t: fp asimd\n") == nil)
    }

    @Test func restartsOnlyFromAFallbackCoreWithTheVariableUnset() {
        #expect(BLASRuntime.reexecCoreType(currentCore: "Prescott", environmentCoreType: nil, cpuFlags: Self.skylakeFlags) == "SkylakeX")
        #expect(BLASRuntime.reexecCoreType(currentCore: "Prescott", environmentCoreType: nil, cpuFlags: "avx2 fma") == "Haswell")
        // A restarted process has the variable set, so it never restarts again, whatever it got.
        #expect(BLASRuntime.reexecCoreType(currentCore: "Prescott", environmentCoreType: "SkylakeX", cpuFlags: Self.skylakeFlags) == nil)
        #expect(BLASRuntime.reexecCoreType(currentCore: "Prescott", environmentCoreType: "", cpuFlags: Self.skylakeFlags) == nil)
        #expect(BLASRuntime.reexecCoreType(currentCore: "Prescott", environmentCoreType: nil, cpuFlags: "sse2 sse3") == nil)
        #expect(BLASRuntime.reexecCoreType(currentCore: "Prescott", environmentCoreType: nil, cpuFlags: nil) == nil)
        var looked = false
        let flags = { () -> String? in
            looked = true
            return Self.skylakeFlags
        }
        #expect(BLASRuntime.reexecCoreType(currentCore: "Zen", environmentCoreType: nil, cpuFlags: flags()) == nil)
        #expect(BLASRuntime.reexecCoreType(currentCore: "Haswell", environmentCoreType: nil, cpuFlags: flags()) == nil)
        #expect(!looked, "the CPU flags are read only for a fallback core")
    }

    @Test func runtimeReportsItsCoreAndThreads() {
        #expect(!BLASRuntime.coreName.isEmpty)
        let before = BLASRuntime.threads
        BLASRuntime.setThreads(1)
        #expect(BLASRuntime.threads == 1)
        BLASRuntime.setThreads(before)
    }

    @Test(arguments: LinearProduct.Kind.allCases)
    func productsMatchTheirDefinition(kind: LinearProduct.Kind) {
        let (batch, inputs, outputs) = (3, 4, 2)
        let product = LinearProduct(kind, batch: batch, inputs: inputs, outputs: outputs)
        var random = NetRandom(seed: 5)
        let counts = product.operandCounts
        let left = (0..<counts.left).map { _ in random.unitFloat() - 0.5 }
        let right = (0..<counts.right).map { _ in random.unitFloat() - 0.5 }
        var result = [Float](repeating: 1, count: counts.result)
        product.run(left: left, right: right, result: &result, beta: 1)
        // X [batch, inputs], W [outputs, inputs], dY [batch, outputs], as Linear holds them.
        var expected = [Float](repeating: 1, count: counts.result)
        switch kind {
        case .forward: // left X, right W: Y[b][o] += sum_i X[b][i] W[o][i]
            for b in 0..<batch { for o in 0..<outputs { for i in 0..<inputs { expected[b * outputs + o] += left[b * inputs + i] * right[o * inputs + i] } } }
        case .inputGradient: // left dY, right W: dX[b][i] += sum_o dY[b][o] W[o][i]
            for b in 0..<batch { for i in 0..<inputs { for o in 0..<outputs { expected[b * inputs + i] += left[b * outputs + o] * right[o * inputs + i] } } }
        case .weightGradient: // left dY, right X: dW[o][i] += sum_b dY[b][o] X[b][i]
            for o in 0..<outputs { for i in 0..<inputs { for b in 0..<batch { expected[o * inputs + i] += left[b * outputs + o] * right[b * inputs + i] } } }
        }
        #expect(zip(result, expected).allSatisfy { abs($0 - $1) < 1e-5 }, "\(result) vs \(expected)")
        #expect(product.flops == 2 * Double(batch * inputs * outputs))
    }

    @Test func benchmarkMeasuresEveryProductOfEachLayer() {
        let products = GEMMBenchmark.products(batch: 16, layers: [(8, 4), (4, 2)])
        #expect(products.map(\.kind) == [.forward, .inputGradient, .weightGradient, .forward, .inputGradient, .weightGradient])
        #expect(products.map(\.inputs) == [8, 8, 8, 4, 4, 4])
        let measured = GEMMBenchmark.measure(products[0], repetitions: 3, secondsPerRepetition: 0.001)
        #expect(measured.rates.count == 3 && measured.minimum > 0 && measured.minimum <= measured.median && measured.median <= measured.maximum)
    }
}
