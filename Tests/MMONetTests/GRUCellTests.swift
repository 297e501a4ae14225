import Foundation
import Testing
import MMONet

@Suite struct GRUCellTests {
    static let steps = 3, batch = 2, inputs = 4, hidden = 5
    /// The state entering step 1 of sequence 0 is reset, and the one entering step 2 of sequence 1.
    static let resets: [UInt8] = [0, 0, 1, 0, 0, 1]

    struct Setup {
        let parameters = ParameterSet()
        let cell: GRUCell
        let inputs = randomTensor([GRUCellTests.steps * GRUCellTests.batch, GRUCellTests.inputs], seed: 41)
        let initialState = randomTensor([GRUCellTests.batch, GRUCellTests.hidden], seed: 42)

        init() {
            cell = GRUCell("core", inputs: GRUCellTests.inputs, hidden: GRUCellTests.hidden, in: parameters)
            parameters.allocate(seed: 40)
            // Non-zero biases, so every bias path is exercised.
            var random = NetRandom(seed: 43)
            let p = parameters.values.pointer
            for slice in [cell.biasIH, cell.biasHH] {
                for index in 0..<slice.count { slice.pointer(in: p)[index] = random.unitFloat() - 0.5 }
            }
        }
    }

    /// PyTorch's GRU equations in double, one scalar at a time, with h = h * (1 - done) before each step.
    static func reference(_ setup: Setup) -> [Double] {
        let p = setup.parameters.values.pointer
        let wih = setup.cell.weightIH.pointer(in: p), whh = setup.cell.weightHH.pointer(in: p)
        let bih = setup.cell.biasIH.pointer(in: p), bhh = setup.cell.biasHH.pointer(in: p)
        let h = hidden, i = inputs
        var state = (0..<batch * h).map { Double(setup.initialState.pointer[$0]) }
        var outputs: [Double] = []
        for t in 0..<steps {
            var next = state
            for b in 0..<batch {
                let done = resets[t * batch + b] != 0
                let hp = (0..<h).map { done ? 0 : state[b * h + $0] }
                let x = (0..<i).map { Double(setup.inputs.pointer[(t * batch + b) * i + $0]) }
                func affine(_ gate: Int, _ j: Int) -> (input: Double, hidden: Double) {
                    let row = gate * h + j
                    var a = Double(bih[row]), c = Double(bhh[row])
                    for k in 0..<i { a += Double(wih[row * i + k]) * x[k] }
                    for k in 0..<h { c += Double(whh[row * h + k]) * hp[k] }
                    return (a, c)
                }
                for j in 0..<h {
                    let (ir, hr) = affine(0, j), (iz, hz) = affine(1, j), (inn, hn) = affine(2, j)
                    let r = 1 / (1 + exp(-(ir + hr)))
                    let z = 1 / (1 + exp(-(iz + hz)))
                    let n = tanh(inn + r * hn)
                    next[b * h + j] = (1 - z) * n + z * hp[j]
                }
            }
            state = next
            outputs += state
        }
        return outputs
    }

    @Test func registersPyTorchNamesShapesAndInitialisation() {
        let setup = Setup()
        let shapes = setup.parameters.slices.map { "\($0.name) \($0.shape)" }
        #expect(shapes == ["core.weight_ih [15, 4]", "core.weight_hh [15, 5]", "core.bias_ih [15]", "core.bias_hh [15]"])
        // weight_hh [15, 5] with gain 1: orthonormal columns.
        let w = setup.cell.weightHH.pointer(in: setup.parameters.values.pointer)
        for a in 0..<5 {
            for b in 0..<5 {
                var dot: Float = 0
                for row in 0..<15 { dot += w[row * 5 + a] * w[row * 5 + b] }
                #expect(abs(dot - (a == b ? 1 : 0)) < 1e-4)
            }
        }
        let fresh = ParameterSet()
        let cell = GRUCell("g", inputs: 3, hidden: 2, in: fresh)
        fresh.allocate(seed: 1)
        #expect((0..<6).allSatisfy { cell.biasIH.pointer(in: fresh.values.pointer)[$0] == 0 && cell.biasHH.pointer(in: fresh.values.pointer)[$0] == 0 })
    }

    @Test func sequenceForwardMatchesTheReferenceAndSingleSteps() {
        let setup = Setup()
        let (t, b, h) = (Self.steps, Self.batch, Self.hidden)
        let p = setup.parameters.values.pointer
        let outputs = Tensor(shape: [t * b, h])
        let saved = Tensor(shape: [GRUCell.savedCount(steps: t, batch: b, hidden: h)])
        let workspace = Tensor(shape: [GRUCell.workspaceCount(steps: t, batch: b, hidden: h)])
        Self.resets.withUnsafeBufferPointer {
            setup.cell.forward(inputs: setup.inputs.matrix(rows: t * b), initialState: setup.initialState.matrix(rows: b), resets: $0.baseAddress!,
                               into: outputs.matrix(rows: t * b), saved: saved.pointer, workspace: workspace.pointer, parameters: p)
        }
        let expected = Self.reference(setup)
        for index in expected.indices { #expect(abs(Double(outputs.pointer[index]) - expected[index]) < 1e-5) }

        // step() in place over the same sequence gives the same states.
        let state = Tensor(shape: [b, h], values: setup.initialState.array)
        let stepWorkspace = Tensor(shape: [GRUCell.stepWorkspaceCount(batch: b, hidden: h)])
        for step in 0..<t {
            Self.resets.withUnsafeBufferPointer {
                setup.cell.step(input: setup.inputs.matrix(rows: t * b).rows(step * b..<(step + 1) * b), state: state.matrix(rows: b),
                                resets: $0.baseAddress! + step * b, into: state.matrix(rows: b), workspace: stepWorkspace.pointer, parameters: p)
            }
            for index in 0..<b * h { #expect(abs(state.pointer[index] - outputs.pointer[step * b * h + index]) < 1e-6) }
        }
    }

    @Test func resetCutsTheDependenceOnEarlierStates() {
        let setup = Setup()
        let (t, b, h) = (Self.steps, Self.batch, Self.hidden)
        let p = setup.parameters.values.pointer
        let saved = Tensor(shape: [GRUCell.savedCount(steps: t, batch: b, hidden: h)])
        let workspace = Tensor(shape: [GRUCell.workspaceCount(steps: t, batch: b, hidden: h)])
        func run(_ initial: Tensor) -> [Float] {
            let outputs = Tensor(shape: [t * b, h])
            Self.resets.withUnsafeBufferPointer {
                setup.cell.forward(inputs: setup.inputs.matrix(rows: t * b), initialState: initial.matrix(rows: b), resets: $0.baseAddress!,
                                   into: outputs.matrix(rows: t * b), saved: saved.pointer, workspace: workspace.pointer, parameters: p)
            }
            return outputs.array
        }
        let base = run(setup.initialState)
        let changed = Tensor(shape: [b, h], values: setup.initialState.array)
        for j in 0..<h { changed.pointer[j] += 1 }   // sequence 0 only
        let other = run(changed)
        for j in 0..<h {
            #expect(base[j] != other[j])                          // t = 0, sequence 0 depends on it
            #expect(base[(1 * b + 0) * h + j] == other[(1 * b + 0) * h + j])  // reset before t = 1
            #expect(base[(2 * b + 0) * h + j] == other[(2 * b + 0) * h + j])
            #expect(base[(0 * b + 1) * h + j] == other[(0 * b + 1) * h + j])  // sequence 1 untouched
        }
    }

    @Test(arguments: [false, true])
    func gradientsMatchFiniteDifferencesThroughAResetSequence(_ accumulate: Bool) {
        let setup = Setup()
        let (t, b, h, i) = (Self.steps, Self.batch, Self.hidden, Self.inputs)
        let p = setup.parameters.values.pointer
        let gradients = setup.parameters.makeGradient()
        let outputs = Tensor(shape: [t * b, h])
        let saved = Tensor(shape: [GRUCell.savedCount(steps: t, batch: b, hidden: h)])
        let workspace = Tensor(shape: [GRUCell.workspaceCount(steps: t, batch: b, hidden: h)])
        let weights = randomTensor([t * b, h], seed: 44)
        let offset: Float = accumulate ? 0.5 : 0
        let inputGradient = Tensor(shape: [t * b, i])
        let stateGradient = Tensor(shape: [b, h])
        inputGradient.fill(accumulate ? offset : 9)
        stateGradient.fill(accumulate ? offset : 9)
        Self.resets.withUnsafeBufferPointer { resets in
            setup.cell.forward(inputs: setup.inputs.matrix(rows: t * b), initialState: setup.initialState.matrix(rows: b), resets: resets.baseAddress!,
                               into: outputs.matrix(rows: t * b), saved: saved.pointer, workspace: workspace.pointer, parameters: p)
            setup.cell.backward(inputs: setup.inputs.matrix(rows: t * b), batch: b, resets: resets.baseAddress!, outputGradient: weights.matrix(rows: t * b),
                                inputGradient: inputGradient.matrix(rows: t * b), initialStateGradient: stateGradient.matrix(rows: b),
                                accumulate: accumulate, saved: saved.pointer, workspace: workspace.pointer, parameters: p, gradients: gradients.pointer)
        }
        for index in 0..<inputGradient.count { inputGradient.pointer[index] -= offset }
        for index in 0..<stateGradient.count { stateGradient.pointer[index] -= offset }
        let cell = setup.cell
        func probe(_ name: String, _ slice: ParameterSlice) -> GradientCheck.Probe {
            GradientCheck.Probe(name: name, values: slice.pointer(in: p), gradient: slice.pointer(in: gradients.pointer), count: slice.count)
        }
        let probes = [
            probe("weight_ih", cell.weightIH), probe("weight_hh", cell.weightHH), probe("bias_ih", cell.biasIH), probe("bias_hh", cell.biasHH),
            GradientCheck.Probe(name: "inputs", values: setup.inputs.pointer, gradient: inputGradient.pointer, count: inputGradient.count),
            GradientCheck.Probe(name: "initialState", values: setup.initialState.pointer, gradient: stateGradient.pointer, count: stateGradient.count),
        ]
        let failures = GradientCheck(samplesPerProbe: 1000).mismatches(probes) {
            Self.resets.withUnsafeBufferPointer {
                cell.forward(inputs: setup.inputs.matrix(rows: t * b), initialState: setup.initialState.matrix(rows: b), resets: $0.baseAddress!,
                             into: outputs.matrix(rows: t * b), saved: saved.pointer, workspace: workspace.pointer, parameters: p)
            }
            return projectedLoss(outputs.matrix(rows: t * b), weights.matrix(rows: t * b))
        }
        #expect(failures.isEmpty, "\(failures)")
        // The gradients are real: the recurrent weights and the initial state of both sequences get some.
        #expect((0..<cell.weightHH.count).contains { cell.weightHH.pointer(in: gradients.pointer)[$0] != 0 })
        #expect((0..<h).contains { stateGradient.pointer[$0] != 0 } && (h..<2 * h).contains { stateGradient.pointer[$0] != 0 })
    }
}
