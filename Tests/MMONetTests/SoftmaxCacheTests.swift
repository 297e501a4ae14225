import Testing
import MMONet

/// The caching evaluate and backward of `MaskedCategorical` give what the plain ones give.
@Suite struct SoftmaxCacheTests {
    @Test func cachedEvaluateAndBackwardMatchThePlainOnes() {
        let rows = 5, columns = 9, head = 2..<8
        let logits = randomTensor([rows, columns], seed: 21, low: -3, high: 3)
        var masks = [UInt8](repeating: 0, count: rows * 10)
        var random = NetRandom(seed: 5)
        for row in 0..<rows {
            for option in 0..<head.count { masks[row * 10 + 1 + option] = random.unitFloat() < 0.6 ? 1 : 0 }
            masks[row * 10 + 1 + row % head.count] = 1
        }
        masks.withUnsafeBufferPointer { mask in
            let distribution = MaskedCategorical(logits: logits.matrix(rows: rows), columns: head, mask: mask.baseAddress!, maskStride: 10, maskOffset: 1)
            var actions = [Int32](repeating: 0, count: rows)
            for row in 0..<rows { actions[row] = Int32(distribution.sample(row: row, random: &random)) }
            let dLogP: [Float] = [0.5, -1, 2, 0.25, -0.75], dH: [Float] = [0.1, 0.1, -0.2, 0.3, 0]
            var plainLogP = [Float](repeating: 0, count: rows), plainH = plainLogP, cachedLogP = plainLogP, cachedH = plainLogP
            distribution.evaluate(actions: actions, logProbabilities: &plainLogP, entropies: &plainH)
            let probabilities = Tensor(shape: [rows, columns]), normalisers = Tensor(shape: [rows])
            let cache = SoftmaxCache(probabilities: probabilities.matrix(rows: rows), logNormalisers: normalisers.pointer)
            distribution.evaluate(actions: actions, logProbabilities: &cachedLogP, entropies: &cachedH, cache: cache)
            for row in 0..<rows {
                #expect(abs(plainLogP[row] - cachedLogP[row]) < 1e-5)
                #expect(abs(plainH[row] - cachedH[row]) < 1e-5)
            }
            let plain = Tensor(shape: [rows, columns]), cached = Tensor(shape: [rows, columns])
            distribution.backward(actions: actions, logProbabilityGradient: dLogP, entropyGradient: dH, into: plain.matrix(rows: rows))
            distribution.backward(actions: actions, logProbabilityGradient: dLogP, entropyGradient: dH, entropies: cachedH, cache: cache,
                                  into: cached.matrix(rows: rows))
            for index in 0..<plain.count { #expect(abs(plain.pointer[index] - cached.pointer[index]) < 1e-5) }
            // Columns outside the head are untouched (zero).
            for row in 0..<rows { #expect(cached.pointer[row * columns] == 0 && cached.pointer[row * columns + 8] == 0) }
        }
    }
}
