import Testing
import MMONet

@Suite struct EmbeddingTests {
    @Test func registersATorchShapedTableWithTheRequestedStd() {
        let parameters = ParameterSet()
        let layer = Embedding("items", entries: 200, dimension: 50, in: parameters)
        let narrow = Embedding("small", entries: 200, dimension: 50, std: 0.1, in: parameters)
        parameters.allocate(seed: 1)
        #expect(parameters.slice(named: "items.weight")?.shape == [200, 50])
        func std(_ slice: ParameterSlice) -> Double {
            let values = slice.pointer(in: parameters.values.pointer)
            var sum = 0.0, squares = 0.0
            for index in 0..<slice.count { sum += Double(values[index]); squares += Double(values[index]) * Double(values[index]) }
            let mean = sum / Double(slice.count)
            return (squares / Double(slice.count) - mean * mean).squareRoot()
        }
        #expect(abs(std(layer.weight) - 1) < 0.05)
        #expect(abs(std(narrow.weight) - 0.1) < 0.005)
    }

    @Test func forwardGathersRows() {
        let parameters = ParameterSet()
        let layer = Embedding("e", entries: 4, dimension: 3, in: parameters)
        parameters.allocate(seed: 2)
        let p = parameters.values.pointer
        let table = layer.weight.pointer(in: p)
        for index in 0..<12 { table[index] = Float(index) }
        let indices: [Int32] = [2, 0, 2, 3]
        let output = Tensor(shape: [4, 3])
        indices.withUnsafeBufferPointer { layer.forward(indices: $0.baseAddress!, count: 4, into: output.matrix(rows: 4), parameters: p) }
        #expect(output.array == [6, 7, 8, 0, 1, 2, 6, 7, 8, 9, 10, 11])
    }

    @Test func gradientsMatchFiniteDifferencesAndRepeatedIndicesAdd() {
        let parameters = ParameterSet()
        let layer = Embedding("e", entries: 5, dimension: 4, in: parameters)
        parameters.allocate(seed: 3)
        let p = parameters.values.pointer
        let gradients = parameters.makeGradient()
        let indices: [Int32] = [1, 4, 1, 0, 1, 3]
        let output = Tensor(shape: [6, 4])
        let weights = randomTensor([6, 4], seed: 4)
        indices.withUnsafeBufferPointer { ids in
            layer.forward(indices: ids.baseAddress!, count: 6, into: output.matrix(rows: 6), parameters: p)
            layer.backward(indices: ids.baseAddress!, count: 6, outputGradient: weights.matrix(rows: 6), gradients: gradients.pointer)
        }
        let g = layer.weight.pointer(in: gradients.pointer)
        // Row 1 is used three times, row 2 never.
        for column in 0..<4 {
            let expected = weights.pointer[column] + weights.pointer[8 + column] + weights.pointer[16 + column]
            #expect(abs(g[4 + column] - expected) < 1e-6)
            #expect(g[8 + column] == 0)
        }
        let probe = GradientCheck.Probe(name: "weight", values: layer.weight.pointer(in: p), gradient: g, count: layer.weight.count)
        let failures = GradientCheck().mismatches([probe]) {
            indices.withUnsafeBufferPointer { layer.forward(indices: $0.baseAddress!, count: 6, into: output.matrix(rows: 6), parameters: p) }
            return projectedLoss(output.matrix(rows: 6), weights.matrix(rows: 6))
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func outOfRangeIndexIsAPreconditionFailure() async {
        await #expect(processExitsWith: .failure) {
            let parameters = ParameterSet()
            let layer = Embedding("e", entries: 3, dimension: 2, in: parameters)
            parameters.allocate(seed: 1)
            let output = Tensor(shape: [1, 2])
            let indices: [Int32] = [3]
            indices.withUnsafeBufferPointer {
                layer.forward(indices: $0.baseAddress!, count: 1, into: output.matrix(rows: 1), parameters: parameters.values.pointer)
            }
        }
    }
}
