import Testing
import MMONet

@Suite struct MaskedPoolingTests {
    @Test func meanAndMaxOverValidItemsAndZerosForAnEmptySample() {
        let pooling = MaskedPooling(items: 3, features: 2)
        #expect(pooling.outputColumns == 4)
        // Sample 0: items 0 and 2 valid; sample 1: none valid.
        let input = Tensor(shape: [6, 2], values: [1, -4, 100, 100, 3, -2, 5, 6, 7, 8, 9, 10])
        let mask: [UInt8] = [1, 0, 2, 0, 0, 0]
        let output = Tensor(shape: [2, 4])
        output.fill(42)
        let argmax = [Int32](repeating: 7, count: MaskedPooling.argmaxCount(batch: 2, features: 2))
        var winners = argmax
        mask.withUnsafeBufferPointer { m in
            winners.withUnsafeMutableBufferPointer {
                pooling.forward(input.matrix(rows: 6), mask: m.baseAddress!, into: output.matrix(rows: 2), argmax: $0.baseAddress!)
            }
        }
        #expect(output.array == [2, -3, 3, -2, 0, 0, 0, 0])
        #expect(winners == [2, 2, -1, -1])

        // Mean only and max only.
        for (mode, expected) in [(MaskedPooling.Mode.mean, [Float(2), -3, 0, 0]), (.max, [3, -2, 0, 0])] {
            let single = MaskedPooling(items: 3, features: 2, mode: mode)
            let out = Tensor(shape: [2, 2])
            mask.withUnsafeBufferPointer { single.forward(input.matrix(rows: 6), mask: $0.baseAddress!, into: out.matrix(rows: 2)) }
            #expect(out.array == expected, "\(mode)")
        }
    }

    @Test(arguments: [MaskedPooling.Mode.mean, .max, .meanAndMax])
    func gradientsMatchFiniteDifferences(_ mode: MaskedPooling.Mode) {
        let batch = 4, items = 5, features = 3
        let pooling = MaskedPooling(items: items, features: features, mode: mode)
        // Distinct values 0.05 apart (shuffled), so no max is within a finite-difference step of a tie.
        var random = NetRandom(seed: 21)
        var values = (0..<batch * items * features).map { Float($0) * 0.05 - 1.5 }
        random.shuffle(&values)
        let input = Tensor(shape: [batch * items, features], values: values)
        var mask = (0..<batch * items).map { _ in UInt8(random.integer(below: 2)) }
        for item in 0..<items { mask[2 * items + item] = 0 }   // sample 2 has no valid item
        mask[0] = 1; mask[items + 1] = 1; mask[3 * items + 4] = 1
        let output = Tensor(shape: [batch, pooling.outputColumns])
        let weights = randomTensor([batch, pooling.outputColumns], seed: 22)
        let inputGradient = Tensor(shape: [batch * items, features])
        inputGradient.fill(99)
        var argmax = [Int32](repeating: 0, count: pooling.argmaxCount(batch: batch))
        mask.withUnsafeBufferPointer { m in
            argmax.withUnsafeMutableBufferPointer { a in
                pooling.forward(input.matrix(rows: batch * items), mask: m.baseAddress!, into: output.matrix(rows: batch), argmax: a.baseAddress!)
                pooling.backward(outputGradient: weights.matrix(rows: batch), mask: m.baseAddress!, argmax: UnsafePointer(a.baseAddress!),
                                 inputGradient: inputGradient.matrix(rows: batch * items))
            }
        }
        for row in 0..<batch * items where mask[row] == 0 {
            for column in 0..<features { #expect(inputGradient.pointer[row * features + column] == 0) }
        }
        #expect(inputGradient.array.contains { $0 != 0 })
        let probe = GradientCheck.Probe(name: "input", values: input.pointer, gradient: inputGradient.pointer, count: input.count)
        let failures = GradientCheck(samplesPerProbe: 1000).mismatches([probe]) {
            mask.withUnsafeBufferPointer { pooling.forward(input.matrix(rows: batch * items), mask: $0.baseAddress!, into: output.matrix(rows: batch)) }
            return projectedLoss(output.matrix(rows: batch), weights.matrix(rows: batch))
        }
        #expect(failures.isEmpty, "\(failures)")

        // accumulate adds the same gradient again.
        mask.withUnsafeBufferPointer { m in
            argmax.withUnsafeBufferPointer { a in
                pooling.backward(outputGradient: weights.matrix(rows: batch), mask: m.baseAddress!, argmax: a.baseAddress!,
                                 inputGradient: inputGradient.matrix(rows: batch * items), accumulate: true)
            }
        }
        let once = Tensor(shape: [batch * items, features])
        mask.withUnsafeBufferPointer { m in
            argmax.withUnsafeBufferPointer { a in
                pooling.backward(outputGradient: weights.matrix(rows: batch), mask: m.baseAddress!, argmax: a.baseAddress!,
                                 inputGradient: once.matrix(rows: batch * items))
            }
        }
        for index in 0..<once.count { #expect(abs(inputGradient.pointer[index] - 2 * once.pointer[index]) < 1e-6) }
    }
}
