import Foundation
import Testing
import MMONet

@Suite struct MaskedCategoricalTests {
    /// Mask rows of 7 bytes per agent, this head's 3 options at offset 2 (the other bytes belong to
    /// other heads and are deliberately contradictory).
    static let mask: [UInt8] = [
        0, 0, 1, 0, 1, 1, 1,
        1, 1, 1, 1, 1, 0, 0,
        0, 0, 1, 1, 0, 1, 0,
    ]

    @Test func valuesMatchHandComputedCases() {
        // The head reads columns 1..<4 of a wider logit matrix.
        let logits = Tensor(shape: [3, 5], values: [
            9, 1, .nan, 3, 9,            // options 0 and 2 legal; the illegal one is NaN
            9, 0, 0, 0, 9,               // all legal: uniform
            9, 1000, 5, .infinity, 9,    // options 0 and 1 legal, 995 apart
        ])
        Self.mask.withUnsafeBufferPointer { mask in
            let head = MaskedCategorical(logits: logits.matrix(rows: 3), columns: 1..<4, mask: mask.baseAddress!, maskStride: 7, maskOffset: 2)
            #expect(head.options == 3 && head.rows == 3)
            let p0 = 1 / (1 + exp(2.0)), p2 = 1 - p0
            #expect(abs(Double(head.logProbability(row: 0, action: 2)) - log(p2)) < 1e-6)
            #expect(abs(Double(head.logProbability(row: 0, action: 0)) - log(p0)) < 1e-6)
            #expect(abs(Double(head.entropy(row: 0)) + p0 * log(p0) + p2 * log(p2)) < 1e-6)
            #expect(head.greedy(row: 0) == 2)
            #expect(abs(Double(head.logProbability(row: 1, action: 1)) + log(3.0)) < 1e-6)
            #expect(abs(Double(head.entropy(row: 1)) - log(3.0)) < 1e-6)
            #expect(head.greedy(row: 1) == 0)   // ties go to the lowest index
            #expect(head.logProbability(row: 2, action: 1) == -995)   // finite even though exp underflows
            #expect(head.logProbability(row: 2, action: 0) == 0)
            #expect(head.entropy(row: 2) == 0)
            #expect(head.greedy(row: 2) == 0)

            var actions: [Int32] = [2, 1, 1]
            var logProbabilities = [Float](repeating: 0, count: 3), entropies = [Float](repeating: 0, count: 3)
            head.evaluate(actions: actions, logProbabilities: &logProbabilities, entropies: &entropies)
            for row in 0..<3 {
                #expect(logProbabilities[row] == head.logProbability(row: row, action: Int(actions[row])))
                #expect(entropies[row] == head.entropy(row: row))
            }
            head.greedy(into: &actions)
            #expect(actions == [2, 0, 0])

            // Gradients stay finite and zero on illegal options, even next to NaN and extreme logits.
            let gradient = Tensor(shape: [3, 5])
            gradient.fill(7)
            let dLogP: [Float] = [1, 1, 1], dEntropy: [Float] = [0.5, 0.5, 0.5]
            head.backward(actions: [2, 1, 1], logProbabilityGradient: dLogP, entropyGradient: dEntropy, into: gradient.matrix(rows: 3))
            #expect(gradient.array.allSatisfy { $0.isFinite })
            #expect(gradient.pointer[2] == 0 && gradient.pointer[13] == 0)
            #expect(gradient.pointer[11] == -1 && gradient.pointer[12] == 1)
            #expect(gradient.pointer[0] == 7 && gradient.pointer[4] == 7)   // columns outside the head are untouched
            // Row 0: dlogp(2)/dl = [-p0, 0, 1 - p2] and dH/dl_i = -p_i (log p_i + H).
            let h = -(p0 * log(p0) + p2 * log(p2))
            #expect(abs(Double(gradient.pointer[1]) - (-p0 - 0.5 * p0 * (log(p0) + h))) < 1e-6)
            #expect(abs(Double(gradient.pointer[3]) - (1 - p2 - 0.5 * p2 * (log(p2) + h))) < 1e-6)
        }
    }

    @Test func gradientOfWeightedLogProbabilityAndEntropyMatchesFiniteDifferences() {
        let rows = 5, options = 6, stride = 9, offset = 3
        var random = NetRandom(seed: 51)
        var mask = [UInt8](repeating: 0, count: rows * stride)
        var actions = [Int32](repeating: 0, count: rows)
        for row in 0..<rows {
            for option in 0..<options { mask[row * stride + offset + option] = random.integer(below: 3) == 0 ? 0 : 1 }
            let forced = random.integer(below: options)
            mask[row * stride + offset + forced] = 1
            actions[row] = Int32(forced)
        }
        mask[2 * stride + offset + 1] = 0
        for option in 0..<options where option != 4 { mask[4 * stride + offset + option] = 0 }   // a row with one legal option
        mask[4 * stride + offset + 4] = 1
        actions[4] = 4
        let logits = randomTensor([rows, options], seed: 52, low: -2, high: 2)
        let a = (0..<rows).map { _ in random.unitFloat() * 2 - 1 }
        let b = (0..<rows).map { _ in random.unitFloat() * 2 - 1 }
        let gradient = Tensor(shape: [rows, options])
        gradient.fill(3)
        mask.withUnsafeBufferPointer { maskPointer in
            let head = MaskedCategorical(logits: logits.matrix(rows: rows), mask: maskPointer.baseAddress!, maskStride: stride, maskOffset: offset)
            head.backward(actions: actions, logProbabilityGradient: a, entropyGradient: b, into: gradient.matrix(rows: rows))
            for row in 0..<rows {
                for option in 0..<options where mask[row * stride + offset + option] == 0 { #expect(gradient.pointer[row * options + option] == 0) }
            }
            let probe = GradientCheck.Probe(name: "logits", values: logits.pointer, gradient: gradient.pointer, count: logits.count)
            let failures = GradientCheck(samplesPerProbe: 1000).mismatches([probe]) {
                var loss = 0.0
                for row in 0..<rows {
                    loss += Double(a[row]) * Double(head.logProbability(row: row, action: Int(actions[row])))
                    loss += Double(b[row]) * Double(head.entropy(row: row))
                }
                return loss
            }
            #expect(failures.isEmpty, "\(failures)")

            // Accumulate adds; omitting a gradient means zero.
            let twice = Tensor(shape: [rows, options], values: gradient.array)
            head.backward(actions: actions, logProbabilityGradient: a, entropyGradient: b, into: twice.matrix(rows: rows), accumulate: true)
            for index in 0..<twice.count { #expect(abs(twice.pointer[index] - 2 * gradient.pointer[index]) < 1e-6) }
            let entropyOnly = Tensor(shape: [rows, options])
            head.backward(actions: nil, logProbabilityGradient: nil, entropyGradient: b, into: entropyOnly.matrix(rows: rows))
            let zeroLogP = [Float](repeating: 0, count: rows)
            let reference = Tensor(shape: [rows, options])
            head.backward(actions: actions, logProbabilityGradient: zeroLogP, entropyGradient: b, into: reference.matrix(rows: rows))
            #expect(entropyOnly.array == reference.array)
        }
    }

    @Test func samplingFrequenciesMatchProbabilitiesAndSkipIllegalOptions() {
        let logits = Tensor(shape: [2, 5], values: [0.5, -1, 4, 0, 1.2, 3, 50, -3, -3, -3])
        let mask: [UInt8] = [1, 1, 0, 1, 1, 1, 0, 1, 1, 1]
        let draws = 20_000
        mask.withUnsafeBufferPointer { maskPointer in
            let head = MaskedCategorical(logits: logits.matrix(rows: 2), mask: maskPointer.baseAddress!, maskStride: 5)
            for row in 0..<2 {
                var counts = [Int](repeating: 0, count: 5)
                var random = NetRandom(seed: 61)
                for _ in 0..<draws { counts[head.sample(row: row, random: &random)] += 1 }
                for option in 0..<5 {
                    if mask[row * 5 + option] == 0 {
                        #expect(counts[option] == 0, "illegal option \(option) sampled in row \(row)")
                    } else {
                        let p = exp(Double(head.logProbability(row: row, action: option)))
                        // 4.5 standard deviations of a binomial frequency at most.
                        let tolerance = 4.5 * (p * (1 - p) / Double(draws)).squareRoot() + 1e-3
                        #expect(abs(Double(counts[option]) / Double(draws) - p) < tolerance, "row \(row) option \(option): \(counts[option])")
                    }
                }
            }

            // Batched sampling is deterministic for a seed, returns the log-probabilities, and never picks illegal options.
            var first = [Int32](repeating: -1, count: 2), second = [Int32](repeating: -1, count: 2)
            var logProbabilities = [Float](repeating: 1, count: 2)
            var randomA = NetRandom(seed: 62), randomB = NetRandom(seed: 62)
            for _ in 0..<500 {
                head.sample(into: &first, logProbabilities: &logProbabilities, random: &randomA)
                head.sample(into: &second, random: &randomB)
                #expect(first == second)
                for row in 0..<2 {
                    #expect(mask[row * 5 + Int(first[row])] != 0)
                    #expect(logProbabilities[row] == head.logProbability(row: row, action: Int(first[row])))
                }
            }
        }
    }

    @Test func aRowWithoutLegalOptionsIsAPreconditionFailure() async {
        await #expect(processExitsWith: .failure) {
            let logits = Tensor(shape: [1, 2], values: [0, 1])
            let mask: [UInt8] = [0, 0]
            mask.withUnsafeBufferPointer {
                _ = MaskedCategorical(logits: logits.matrix(rows: 1), mask: $0.baseAddress!, maskStride: 2).entropy(row: 0)
            }
        }
    }
}
