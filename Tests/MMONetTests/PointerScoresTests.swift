import Testing
import MMONet

@Suite struct PointerScoresTests {
    @Test func scoresAreDotProductsWithATrailingNoneColumn() {
        let scores = PointerScores(items: 2, features: 3, includesNone: true)
        #expect(scores.outputColumns == 3)
        let keys = Tensor(shape: [4, 3], values: [1, 0, 0, 0, 1, 2, 1, 1, 1, -1, 0, 3])
        let query = Tensor(shape: [2, 3], values: [2, 3, 4, 0.5, 1, -1])
        let output = Tensor(shape: [2, 3])
        output.fill(7)
        scores.forward(keys: keys.matrix(rows: 4), query: query.matrix(rows: 2), into: output.matrix(rows: 2))
        #expect(output.array == [2, 11, 0, 0.5, -3.5, 0])

        let scaled = PointerScores(items: 2, features: 3, scale: 0.5)
        let plain = Tensor(shape: [2, 2])
        scaled.forward(keys: keys.matrix(rows: 4), query: query.matrix(rows: 2), into: plain.matrix(rows: 2))
        #expect(plain.array == [1, 5.5, 0.25, -1.75])
    }

    @Test(arguments: [false, true])
    func gradientsMatchFiniteDifferences(_ includesNone: Bool) {
        let batch = 3, items = 4, features = 5
        let scores = PointerScores(items: items, features: features, includesNone: includesNone, scale: 0.7)
        let keys = randomTensor([batch * items, features], seed: 31)
        let query = randomTensor([batch, features], seed: 32)
        let output = Tensor(shape: [batch, scores.outputColumns])
        let weights = randomTensor([batch, scores.outputColumns], seed: 33)
        let keyGradient = Tensor(shape: [batch * items, features])
        let queryGradient = Tensor(shape: [batch, features])
        keyGradient.fill(5)
        queryGradient.fill(5)
        scores.forward(keys: keys.matrix(rows: batch * items), query: query.matrix(rows: batch), into: output.matrix(rows: batch))
        scores.backward(keys: keys.matrix(rows: batch * items), query: query.matrix(rows: batch), outputGradient: weights.matrix(rows: batch),
                        keyGradient: keyGradient.matrix(rows: batch * items), queryGradient: queryGradient.matrix(rows: batch))
        let probes = [
            GradientCheck.Probe(name: "keys", values: keys.pointer, gradient: keyGradient.pointer, count: keys.count),
            GradientCheck.Probe(name: "query", values: query.pointer, gradient: queryGradient.pointer, count: query.count),
        ]
        let failures = GradientCheck(samplesPerProbe: 1000).mismatches(probes) {
            scores.forward(keys: keys.matrix(rows: batch * items), query: query.matrix(rows: batch), into: output.matrix(rows: batch))
            return projectedLoss(output.matrix(rows: batch), weights.matrix(rows: batch))
        }
        #expect(failures.isEmpty, "\(failures)")

        // accumulate doubles both gradients.
        let keyOnce = Tensor(shape: [batch * items, features], values: keyGradient.array)
        let queryOnce = Tensor(shape: [batch, features], values: queryGradient.array)
        scores.backward(keys: keys.matrix(rows: batch * items), query: query.matrix(rows: batch), outputGradient: weights.matrix(rows: batch),
                        keyGradient: keyGradient.matrix(rows: batch * items), queryGradient: queryGradient.matrix(rows: batch), accumulate: true)
        for index in 0..<keyOnce.count { #expect(abs(keyGradient.pointer[index] - 2 * keyOnce.pointer[index]) < 1e-5) }
        for index in 0..<queryOnce.count { #expect(abs(queryGradient.pointer[index] - 2 * queryOnce.pointer[index]) < 1e-5) }
    }
}
