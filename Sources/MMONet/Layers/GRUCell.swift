import CBLAS
import Foundation

/// A gated recurrent unit with PyTorch's equations and parameters (`torch.nn.GRUCell`; gate order
/// r, z, n):
///
///     r  = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
///     z  = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
///     n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))
///     h' = (1 - z) * n + z * h
///
/// `name.weight_ih` [3H, I], `name.weight_hh` [3H, H] (orthogonal, gain 1, over the whole matrix
/// as CleanRL initialises its recurrent cores), `name.bias_ih` [3H], `name.bias_hh` [3H] (zeros).
///
/// Sequences (truncated BPTT): `B` sequences of `T` steps, time-major: inputs [T*B, I] (row t*B + b),
/// outputs [T*B, H] (each step's new state; the last B rows are the final state), an initial state
/// [B, H] and optional reset flags, one byte per row t*B + b: where nonzero the state entering that
/// step is zeroed first (h = h * (1 - done), as CleanRL does), which also stops gradients there.
///
/// Buffers (floats, caller-provided, see the static functions):
/// - saved, `savedCount(steps:batch:hidden:)` = T*B*5H: written by `forward`, read by `backward`.
///   Rows 0..<T*B of width H hold the (reset-masked) state entering each step, then rows of width
///   4H hold r, z, n and W_hn h + b_hn for each step.
/// - workspace, `workspaceCount(steps:batch:hidden:)` = (T+1)*B*3H + B*H: scratch for `forward` and
///   `backward`, its contents meaningless between calls.
/// - step workspace, `stepWorkspaceCount(batch:hidden:)` = B*6H: scratch for the single-step `step`.
public struct GRUCell: Sendable {
    public let inputs: Int
    public let hidden: Int
    public let weightIH: ParameterSlice
    public let weightHH: ParameterSlice
    public let biasIH: ParameterSlice
    public let biasHH: ParameterSlice

    public init(_ name: String, inputs: Int, hidden: Int, in parameters: ParameterSet) {
        precondition(inputs > 0 && hidden > 0, "GRUCell sizes")
        self.inputs = inputs
        self.hidden = hidden
        weightIH = parameters.add("\(name).weight_ih", shape: [3 * hidden, inputs], initialiser: .orthogonal(gain: 1))
        weightHH = parameters.add("\(name).weight_hh", shape: [3 * hidden, hidden], initialiser: .orthogonal(gain: 1))
        biasIH = parameters.add("\(name).bias_ih", shape: [3 * hidden], initialiser: .zeros)
        biasHH = parameters.add("\(name).bias_hh", shape: [3 * hidden], initialiser: .zeros)
    }

    /// Floats a sequence forward saves for backward: T*B*5H.
    public static func savedCount(steps: Int, batch: Int, hidden: Int) -> Int { steps * batch * 5 * hidden }

    /// Scratch floats for a sequence forward or backward: (T+1)*B*3H + B*H.
    public static func workspaceCount(steps: Int, batch: Int, hidden: Int) -> Int { (steps + 1) * batch * 3 * hidden + batch * hidden }

    /// Scratch floats for a single `step`: B*6H.
    public static func stepWorkspaceCount(batch: Int, hidden: Int) -> Int { batch * 6 * hidden }

    /// Runs `inputs` [T*B, I] from `initialState` [B, H] (B = its rows, T = inputs.rows / B) and
    /// writes every step's state into `outputs` [T*B, H]; fills `saved` for backward. `outputs` may not alias `inputs` or `initialState`.
    public func forward(inputs: Matrix, initialState: Matrix, resets: UnsafePointer<UInt8>?, into outputs: Matrix,
                        saved: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>,
                        parameters: UnsafeMutablePointer<Float>) {
        let batch = initialState.rows
        precondition(batch > 0 && initialState.columns == hidden && inputs.columns == self.inputs && inputs.rows % batch == 0
                     && outputs.rows == inputs.rows && outputs.columns == hidden, "GRUCell sequence shapes")
        let steps = inputs.rows / batch
        guard steps > 0 else { return }
        let h = hidden, g = 3 * hidden, rowCount = steps * batch
        let inputGates = workspace                      // [T*B, 3H]
        let hiddenGates = workspace + rowCount * g      // [B, 3H]
        projectInputs(inputs.pointer, rows: rowCount, into: inputGates, parameters: parameters)
        let previousStates = saved                      // [T*B, H]
        let gateValues = saved + rowCount * h           // [T*B, 4H]
        let wHH = weightHH.pointer(in: parameters), bHH = biasHH.pointer(in: parameters)
        for t in 0..<steps {
            let previous = previousStates + t * batch * h
            let source = t == 0 ? initialState.pointer : outputs.pointer + (t - 1) * batch * h
            for b in 0..<batch {
                if let resets, resets[t * batch + b] != 0 {
                    (previous + b * h).update(repeating: 0, count: h)
                } else {
                    (previous + b * h).update(from: source + b * h, count: h)
                }
            }
            for b in 0..<batch { (hiddenGates + b * g).update(from: bHH, count: g) }
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(batch), Int32(g), Int32(h),
                        1, previous, Int32(h), wHH, Int32(h), 1, hiddenGates, Int32(g))
            update(batch: batch, inputGates: inputGates + t * batch * g, hiddenGates: hiddenGates, previous: previous,
                   resets: nil, into: outputs.pointer + t * batch * h, saving: gateValues + t * batch * 4 * h)
        }
    }

    /// One step for inference: newState = GRU(input [B, I], state [B, H]), with the state zeroed
    /// first where `resets` is nonzero. `newState` may be `state` itself. Needs only
    /// `stepWorkspaceCount(batch:hidden:)` floats of scratch; nothing is saved.
    public func step(input: Matrix, state: Matrix, resets: UnsafePointer<UInt8>? = nil, into newState: Matrix,
                     workspace: UnsafeMutablePointer<Float>, parameters: UnsafeMutablePointer<Float>) {
        let batch = state.rows
        precondition(state.columns == hidden && input.rows == batch && input.columns == inputs
                     && newState.rows == batch && newState.columns == hidden, "GRUCell step shapes")
        guard batch > 0 else { return }
        let h = hidden, g = 3 * hidden
        let inputGates = workspace, hiddenGates = workspace + batch * g
        projectInputs(input.pointer, rows: batch, into: inputGates, parameters: parameters)
        let bHH = biasHH.pointer(in: parameters)
        for b in 0..<batch { (hiddenGates + b * g).update(from: bHH, count: g) }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(batch), Int32(g), Int32(h),
                    1, state.pointer, Int32(h), weightHH.pointer(in: parameters), Int32(h), 1, hiddenGates, Int32(g))
        if let resets {
            // A reset row entered with a zero state: its hidden projection is the bias alone.
            for b in 0..<batch where resets[b] != 0 { (hiddenGates + b * g).update(from: bHH, count: g) }
        }
        update(batch: batch, inputGates: inputGates, hiddenGates: hiddenGates, previous: state.pointer, resets: resets,
               into: newState.pointer, saving: nil)
    }

    /// Backpropagates `outputGradient` [T*B, H] (dL/d of every output state) through the sequence
    /// the last `forward` ran (`inputs`, `resets` and `saved` are its): accumulates the four
    /// parameter gradients, writes (or, with `accumulate`, adds) dL/dinputs into `inputGradient`
    /// [T*B, I] and dL/dinitialState into `initialStateGradient` [B, H] when given.
    public func backward(inputs: Matrix, batch: Int, resets: UnsafePointer<UInt8>?, outputGradient: Matrix,
                         inputGradient: Matrix?, initialStateGradient: Matrix? = nil, accumulate: Bool = false,
                         saved: UnsafePointer<Float>, workspace: UnsafeMutablePointer<Float>,
                         parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>) {
        precondition(batch > 0 && inputs.columns == self.inputs && inputs.rows % batch == 0
                     && outputGradient.rows == inputs.rows && outputGradient.columns == hidden, "GRUCell gradient shapes")
        let steps = inputs.rows / batch
        guard steps > 0 else { return }
        let h = hidden, g = 3 * hidden, rowCount = steps * batch
        let inputGateGradients = workspace                       // [T*B, 3H]
        let hiddenGateGradients = workspace + rowCount * g       // [B, 3H]
        let carry = workspace + (rowCount + batch) * g           // [B, H]: dL/d(state entering the next step)
        carry.update(repeating: 0, count: batch * h)
        let previousStates = saved
        let gateValues = saved + rowCount * h
        let wHH = weightHH.pointer(in: parameters)
        let dWHH = weightHH.pointer(in: gradients), dBHH = biasHH.pointer(in: gradients)
        for t in stride(from: steps - 1, through: 0, by: -1) {
            let dy = outputGradient.pointer + t * batch * h
            let previous = previousStates + t * batch * h
            let gates = gateValues + t * batch * 4 * h
            let dInput = inputGateGradients + t * batch * g
            for b in 0..<batch {
                let gate = gates + b * 4 * h
                let hp = previous + b * h
                let dState = dy + b * h
                let c = carry + b * h
                let di = dInput + b * g
                let dh = hiddenGateGradients + b * g
                for j in 0..<h {
                    let r = gate[j], z = gate[h + j], n = gate[2 * h + j], hn = gate[3 * h + j]
                    let d = dState[j] + c[j]
                    let dnPre = d * (1 - z) * (1 - n * n)
                    let dzPre = d * (hp[j] - n) * z * (1 - z)
                    let drPre = dnPre * hn * r * (1 - r)
                    c[j] = d * z
                    di[j] = drPre
                    di[h + j] = dzPre
                    di[2 * h + j] = dnPre
                    dh[j] = drPre
                    dh[h + j] = dzPre
                    dh[2 * h + j] = dnPre * r
                }
                for k in 0..<g { dBHH[k] += dh[k] }
            }
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(batch), Int32(h), Int32(g),
                        1, hiddenGateGradients, Int32(g), wHH, Int32(h), 1, carry, Int32(h))
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(g), Int32(h), Int32(batch),
                        1, hiddenGateGradients, Int32(g), previous, Int32(h), 1, dWHH, Int32(h))
            if let resets {
                for b in 0..<batch where resets[t * batch + b] != 0 { (carry + b * h).update(repeating: 0, count: h) }
            }
        }
        if let initialStateGradient {
            precondition(initialStateGradient.rows == batch && initialStateGradient.columns == h, "GRUCell initial state gradient shape")
            if accumulate {
                for index in 0..<batch * h { initialStateGradient.pointer[index] += carry[index] }
            } else {
                initialStateGradient.pointer.update(from: carry, count: batch * h)
            }
        }
        let dBIH = biasIH.pointer(in: gradients)
        for row in 0..<rowCount {
            let di = inputGateGradients + row * g
            for k in 0..<g { dBIH[k] += di[k] }
        }
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(g), Int32(self.inputs), Int32(rowCount),
                    1, inputGateGradients, Int32(g), inputs.pointer, Int32(self.inputs), 1, weightIH.pointer(in: gradients), Int32(self.inputs))
        if let inputGradient {
            precondition(inputGradient.rows == rowCount && inputGradient.columns == self.inputs, "GRUCell input gradient shape")
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rowCount), Int32(self.inputs), Int32(g),
                        1, inputGateGradients, Int32(g), weightIH.pointer(in: parameters), Int32(self.inputs),
                        accumulate ? 1 : 0, inputGradient.pointer, Int32(self.inputs))
        }
    }

    /// gates[row] = b_ih + x[row] W_ih^T for `rows` rows.
    private func projectInputs(_ x: UnsafeMutablePointer<Float>, rows: Int, into gates: UnsafeMutablePointer<Float>,
                               parameters: UnsafeMutablePointer<Float>) {
        let g = 3 * hidden
        let bIH = biasIH.pointer(in: parameters)
        for row in 0..<rows { (gates + row * g).update(from: bIH, count: g) }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(g), Int32(inputs),
                    1, x, Int32(inputs), weightIH.pointer(in: parameters), Int32(inputs), 1, gates, Int32(g))
    }

    /// The element-wise part of a step: gate nonlinearities and the new state, from the input and
    /// hidden projections (biases included). `previous` is the entering state, read as zero where
    /// `resets` is nonzero; `output` may be `previous`. Saves r, z, n, W_hn h + b_hn when asked.
    @inline(__always)
    private func update(batch: Int, inputGates: UnsafeMutablePointer<Float>, hiddenGates: UnsafeMutablePointer<Float>,
                        previous: UnsafeMutablePointer<Float>, resets: UnsafePointer<UInt8>?,
                        into output: UnsafeMutablePointer<Float>, saving: UnsafeMutablePointer<Float>?) {
        let h = hidden, g = 3 * hidden
        for b in 0..<batch {
            let gi = inputGates + b * g, gh = hiddenGates + b * g
            let hp = previous + b * h, y = output + b * h
            let keep = resets.map { $0[b] == 0 } ?? true
            let saved = saving.map { $0 + b * 4 * h }
            for j in 0..<h {
                let r = 1 / (1 + expf(-(gi[j] + gh[j])))
                let z = 1 / (1 + expf(-(gi[h + j] + gh[h + j])))
                let hn = gh[2 * h + j]
                let n = tanhf(gi[2 * h + j] + r * hn)
                let state = keep ? hp[j] : 0
                y[j] = (1 - z) * n + z * state
                if let saved {
                    saved[j] = r
                    saved[h + j] = z
                    saved[2 * h + j] = n
                    saved[3 * h + j] = hn
                }
            }
        }
    }
}
