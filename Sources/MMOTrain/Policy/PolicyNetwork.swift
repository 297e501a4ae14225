import MMOCore
import MMOEnv
import MMONet
import MMOTasks

/// The goal-conditioned policy and value network. Read top to bottom, one agent's observation goes
/// through:
///
/// - tiles: the 15x15 window of (material, occupant) ids -> gather convolution (k5 s3, one-hot
///   sparsity exploited) -> ReLU -> Linear -> ReLU;
/// - entities: each observed entity row -> Linear -> ReLU (these rows are also the keys of the
///   target heads) -> masked mean and max pooling;
/// - inventory: each slot -> Linear -> ReLU (keys of the item heads) -> masked mean and max pooling;
/// - the agent itself (vitals, skills, equipment, task progress), the market summary and the task
///   embedding: Linear -> ReLU each;
/// - fused: all of the above concatenated -> Linear -> ReLU = the hidden state h;
/// - core (only with `PolicyConfig.recurrent`): a GRU over h carrying each agent's state from step
///   to step; the heads read its output instead of h;
/// - heads: one Linear over h (or the core's output; a single sgemm) gives every head's input: the logits of move, attack
///   style, sell price, buy, gold amount and comm (each its own columns), one query per pointer
///   head and the value. Attack, give and gold targets point at entity rows, and use, destroy,
///   give and sell point at inventory slots, by the dot product of a row's key with the head's
///   query, with a constant 0 logit for "none".
///
/// Every head is a `MaskedCategorical` under the environment's action mask. The network holds its
/// parameters; activations live in a `PolicyWorkspace` per worker thread.
public final class PolicyNetwork: @unchecked Sendable {
    public let sizes: PolicyConfig
    public let observation: ObservationFeatures
    public let actionLayout: ActionLayout
    public let parameters = ParameterSet()
    public var maskWidth: Int { actionLayout.maskWidth }
    public var headCount: Int { actionLayout.headCount }
    public let taskDimension = TaskEmbedding.dimension
    /// The curriculum's task embeddings as floats, `taskDimension` per task (see `setTasks`).
    public private(set) var taskTable: [Float] = []

    let tileConv: CategoricalConv2D
    let tileLinear: Linear
    let entityLinear: Linear
    let entityPooling: MaskedPooling
    let itemLinear: Linear
    let itemPooling: MaskedPooling
    let selfLinear: Linear
    let marketLinear: Linear
    let taskLinear: Linear
    let fusedWidth: Int
    let trunk: Linear
    /// The recurrent core h -> state, when `sizes.recurrent`.
    let core: GRUCell?
    /// h (or the core's state) -> [plain heads' logits | entity heads' queries | item heads' queries | value].
    let heads: Linear
    /// Where each head reads `heads`' output: the plain heads' logits, the pointer heads' queries.
    let plainColumns: [(kind: ActionHeadKind, columns: Range<Int>)]
    let entityHeads: [(kind: ActionHeadKind, query: Range<Int>)]
    let itemHeads: [(kind: ActionHeadKind, query: Range<Int>)]
    let valueColumn: Int
    let entityScores: PointerScores
    let itemScores: PointerScores
    private let relu = Activation.relu

    public static let entityTargetHeads: [ActionHeadKind] = [.attackTarget, .giveTarget, .giveGoldTarget]
    public static let itemTargetHeads: [ActionHeadKind] = [.use, .destroy, .giveItem, .sellItem]

    /// Builds the network for an environment's observation and action layouts and initialises its
    /// parameters from `seed` (orthogonal, gain sqrt 2 in hidden layers, 0.01 for logits, 1 for the value).
    public init(sizes: PolicyConfig, layout: ObservationLayout, actionLayout: ActionLayout, config: Config, seed: UInt64) {
        self.sizes = sizes
        self.actionLayout = actionLayout
        observation = ObservationFeatures(layout: layout, config: config)
        let p = parameters
        tileConv = CategoricalConv2D("tiles.conv", categories: observation.tileVocabulary, height: observation.side, width: observation.side,
                                     outChannels: sizes.tileChannels, kernel: sizes.tileKernel, stride: sizes.tileStride, in: p)
        tileLinear = Linear("tiles.linear", inputs: tileConv.cells * sizes.tileChannels, outputs: sizes.tileWidth, in: p)
        entityLinear = Linear("entities.linear", inputs: ObservationFeatures.entityWidth, outputs: sizes.entityWidth, in: p)
        entityPooling = MaskedPooling(items: observation.entityRows, features: sizes.entityWidth)
        itemLinear = Linear("inventory.linear", inputs: ObservationFeatures.inventoryWidth, outputs: sizes.itemWidth, in: p)
        itemPooling = MaskedPooling(items: observation.inventoryRows, features: sizes.itemWidth)
        selfLinear = Linear("self.linear", inputs: ObservationFeatures.selfWidth, outputs: sizes.selfWidth, in: p)
        marketLinear = Linear("market.linear", inputs: observation.marketEntries * ObservationFeatures.marketWidth, outputs: sizes.marketWidth, in: p)
        taskLinear = Linear("task.linear", inputs: TaskEmbedding.dimension, outputs: sizes.taskWidth, in: p)
        fusedWidth = sizes.tileWidth + 2 * sizes.entityWidth + 2 * sizes.itemWidth + sizes.selfWidth + sizes.marketWidth + sizes.taskWidth
        trunk = Linear("trunk.linear", inputs: fusedWidth, outputs: sizes.hiddenWidth, in: p)
        core = sizes.recurrent ? GRUCell("core.gru", inputs: sizes.hiddenWidth, hidden: sizes.hiddenWidth, in: p) : nil
        let pointerKinds = Set(Self.entityTargetHeads + Self.itemTargetHeads)
        var columns: [(ActionHeadKind, Range<Int>)] = []
        var width = 0
        for kind in ActionHeadKind.allCases where !pointerKinds.contains(kind) {
            columns.append((kind, width..<width + actionLayout[kind].size))
            width += actionLayout[kind].size
        }
        plainColumns = columns
        for kind in Self.entityTargetHeads {
            precondition(actionLayout[kind].size == observation.entityRows + 1, "head \(kind) should choose an entity row or none")
        }
        for kind in Self.itemTargetHeads {
            precondition(actionLayout[kind].size == observation.inventoryRows + 1, "head \(kind) should choose an inventory slot or none")
        }
        // Logits and queries start small (gain 0.01), the value with gain 1, each block as its own layer would.
        var blocks: [ParameterInitialiser.RowBlock] = [.init(rows: width, gain: 0.01)]
        entityHeads = Self.entityTargetHeads.map { kind in
            blocks.append(.init(rows: sizes.entityWidth, gain: 0.01))
            defer { width += sizes.entityWidth }
            return (kind, width..<width + sizes.entityWidth)
        }
        itemHeads = Self.itemTargetHeads.map { kind in
            blocks.append(.init(rows: sizes.itemWidth, gain: 0.01))
            defer { width += sizes.itemWidth }
            return (kind, width..<width + sizes.itemWidth)
        }
        valueColumn = width
        blocks.append(.init(rows: 1, gain: 1))
        heads = Linear("heads.linear", inputs: sizes.hiddenWidth, outputBlocks: blocks, in: p)
        entityScores = PointerScores(items: observation.entityRows, features: sizes.entityWidth, includesNone: true)
        itemScores = PointerScores(items: observation.inventoryRows, features: sizes.itemWidth, includesNone: true)
        parameters.allocate(seed: seed)
    }

    /// Uses these task embeddings (`VecEnv.taskEmbeddings`: `taskDimension` values per curriculum task).
    public func setTasks(_ embeddings: [Float16]) {
        precondition(embeddings.count % taskDimension == 0, "task embeddings come in rows of \(taskDimension)")
        taskTable = embeddings.map(Float.init)
    }

    // MARK: Forward

    /// Runs the network over the first `rows` rows of `workspace.features` (and their tasks), leaving
    /// every activation, the heads' logits and the values in the workspace.
    ///
    /// With a recurrent core the rows are `steps` x B sequences, time-major (row t * B + b, B =
    /// rows / steps): the core runs each sequence from `workspace.initialState` row b, zeroing the
    /// state entering row r where `workspace.resets[r]` is nonzero, and leaves every step's state in
    /// `workspace.coreOutput` (the last B rows are the sequences' final states). Inference is the
    /// steps = 1 case. Without a core, `steps` is ignored.
    public func forward(rows: Int, workspace w: PolicyWorkspace, steps: Int = 1) {
        let p = parameters.values.pointer
        let features = w.features
        // Task embeddings looked up by task index.
        for row in 0..<rows {
            let destination = w.taskInput.pointer + row * taskDimension
            let task = Int(features.tasks[row])
            if (task + 1) * taskDimension <= taskTable.count {
                taskTable.withUnsafeBufferPointer { destination.update(from: $0.baseAddress! + task * taskDimension, count: taskDimension) }
            } else {
                destination.update(repeating: 0, count: taskDimension)
            }
            if features.shiftsTask {
                let shift = features.taskShift.row(row)
                for column in 0..<taskDimension { destination[column] += shift[column] }
            }
        }
        let cells = tileConv.cells
        tileConv.forward(UnsafePointer(features.tileIDs), batch: rows, into: w.tileCells.value(rows * cells), parameters: p)
        relu.forward(w.tileCells.value(rows * cells), into: w.tileCells.value(rows * cells))
        dense(tileLinear, w.tileCells.value(rows * cells).reshaped(rows: rows, columns: cells * sizes.tileChannels), w.tileHidden.value(rows), p)

        let entityRows = rows * observation.entityRows
        dense(entityLinear, features.entities.rows(0..<entityRows), w.entityHidden.value(entityRows), p)
        entityPooling.forward(w.entityHidden.value(entityRows), mask: features.entityMask, into: w.entityPooled.value(rows), argmax: w.entityArgmax)
        let itemRows = rows * observation.inventoryRows
        dense(itemLinear, features.inventory.rows(0..<itemRows), w.itemHidden.value(itemRows), p)
        itemPooling.forward(w.itemHidden.value(itemRows), mask: features.inventoryMask, into: w.itemPooled.value(rows), argmax: w.itemArgmax)

        dense(selfLinear, features.selfFeatures.rows(0..<rows), w.selfHidden.value(rows), p)
        dense(marketLinear, features.market.rows(0..<rows), w.marketHidden.value(rows), p)
        dense(taskLinear, w.taskInput.matrix(rows: rows, columns: taskDimension), w.taskHidden.value(rows), p)

        let fused = w.fused.value(rows)
        var start = 0
        for part in [w.tileHidden, w.entityPooled, w.itemPooled, w.selfHidden, w.marketHidden, w.taskHidden] {
            copyColumns(part.value(rows), into: fused, at: start)
            start += part.value.shape[1]
        }
        dense(trunk, fused, w.hidden.value(rows), p)
        if let core {
            precondition(steps > 0 && rows % steps == 0, "\(rows) rows do not split into sequences of \(steps) steps")
            w.coreSteps = steps
            core.forward(inputs: w.hidden.value(rows), initialState: w.initialState.matrix(rows: rows / steps, columns: core.hidden),
                         resets: w.resets, into: w.coreOutput.value(rows), saved: w.coreSaved.pointer, workspace: w.coreScratch.pointer, parameters: p)
        }

        let outputs = w.headOutputs.value(rows)
        heads.forward(headInput(rows, w).value(rows), into: outputs, parameters: p)
        for (index, head) in entityHeads.enumerated() {
            copyColumns(of: outputs, at: head.query.lowerBound, into: w.entityQueries[index].value(rows))
            entityScores.forward(keys: w.entityHidden.value(entityRows), query: w.entityQueries[index].value(rows), into: w.entityLogits[index].value(rows))
        }
        for (index, head) in itemHeads.enumerated() {
            copyColumns(of: outputs, at: head.query.lowerBound, into: w.itemQueries[index].value(rows))
            itemScores.forward(keys: w.itemHidden.value(itemRows), query: w.itemQueries[index].value(rows), into: w.itemLogits[index].value(rows))
        }
        for row in 0..<rows { w.values[row] = outputs[row, valueColumn] }
    }

    /// What the heads read: the core's output with recurrence, else h.
    @inline(__always) private func headInput(_ rows: Int, _ w: PolicyWorkspace) -> PolicyWorkspace.Pair { core == nil ? w.hidden : w.coreOutput }

    /// Linear then ReLU in place.
    @inline(__always) private func dense(_ layer: Linear, _ input: Matrix, _ output: Matrix, _ p: UnsafeMutablePointer<Float>) {
        layer.forward(input, into: output, parameters: p)
        relu.forward(output, into: output)
    }

    // MARK: Distributions

    /// The distribution of one head over the workspace's rows.
    func distribution(_ kind: ActionHeadKind, rows: Int, workspace w: PolicyWorkspace) -> MaskedCategorical {
        let head = actionLayout[kind]
        let mask = UnsafePointer(w.masks)
        if let index = entityHeads.firstIndex(where: { $0.kind == kind }) {
            return MaskedCategorical(logits: w.entityLogits[index].value(rows), mask: mask, maskStride: maskWidth, maskOffset: head.maskOffset)
        }
        if let index = itemHeads.firstIndex(where: { $0.kind == kind }) {
            return MaskedCategorical(logits: w.itemLogits[index].value(rows), mask: mask, maskStride: maskWidth, maskOffset: head.maskOffset)
        }
        let columns = plainColumns.first { $0.kind == kind }!.columns
        return MaskedCategorical(logits: w.headOutputs.value(rows), columns: columns, mask: mask, maskStride: maskWidth, maskOffset: head.maskOffset)
    }

    /// Draws every head's action for the rows after `forward` (head-major into `workspace.actions`)
    /// and sums their log-probabilities into `workspace.logProbs`. Row r draws from its own stream
    /// `workspace.rowRandom[r]`, so a row's actions do not depend on which other rows share the
    /// batch. With `greedy`, takes each head's most likely legal option instead.
    public func sample(rows: Int, workspace w: PolicyWorkspace, greedy: Bool = false) {
        w.logProbs.update(repeating: 0, count: rows)
        for kind in ActionHeadKind.allCases {
            let actions = w.actions + kind.rawValue * w.capacity
            let distribution = distribution(kind, rows: rows, workspace: w)
            for row in 0..<rows {
                if greedy {
                    let action = distribution.greedy(row: row)
                    actions[row] = Int32(action)
                    w.logProbs[row] += distribution.logProbability(row: row, action: action)
                } else {
                    let (action, logProbability) = distribution.sampleWithLogProbability(row: row, random: &w.rowRandom[row])
                    actions[row] = Int32(action)
                    w.logProbs[row] += logProbability
                }
            }
        }
    }

    /// The softmax cache of one head in the workspace.
    private func cache(_ kind: ActionHeadKind, rows: Int, workspace w: PolicyWorkspace) -> SoftmaxCache {
        let normalisers = w.logNormalisers.pointer + kind.rawValue * w.capacity
        if let index = entityHeads.firstIndex(where: { $0.kind == kind }) {
            return SoftmaxCache(probabilities: w.entityProbabilities[index].matrix(rows: rows, columns: observation.entityRows + 1), logNormalisers: normalisers)
        }
        if let index = itemHeads.firstIndex(where: { $0.kind == kind }) {
            return SoftmaxCache(probabilities: w.itemProbabilities[index].matrix(rows: rows, columns: observation.inventoryRows + 1), logNormalisers: normalisers)
        }
        return SoftmaxCache(probabilities: w.plainProbabilities.matrix(rows: rows, columns: heads.outputs), logNormalisers: normalisers)
    }

    /// For the actions in `workspace.actions` (head-major), the summed log-probabilities and
    /// entropies, keeping each head's softmax for `backward`.
    public func evaluate(rows: Int, workspace w: PolicyWorkspace) {
        w.logProbs.update(repeating: 0, count: rows)
        w.entropies.update(repeating: 0, count: rows)
        for kind in ActionHeadKind.allCases {
            let actions = w.actions + kind.rawValue * w.capacity
            let entropies = w.headEntropies.pointer + kind.rawValue * w.capacity
            distribution(kind, rows: rows, workspace: w).evaluate(actions: actions, logProbabilities: w.headScratch, entropies: entropies,
                                                                  cache: cache(kind, rows: rows, workspace: w))
            for row in 0..<rows {
                w.logProbs[row] += w.headScratch[row]
                w.entropies[row] += entropies[row]
            }
        }
    }

    // MARK: Backward

    /// Accumulates into `gradients` (the parameters' layout) the gradient of a loss whose derivatives are
    /// `workspace.logProbGradients` (per row, w.r.t. the summed log-probability), `valueGradients`
    /// and the constant `entropyGradient` (w.r.t. each row's summed entropy; 0 for rows whose `valid`
    /// byte is 0, when given), after `forward` and `evaluate` on the same rows (whose softmax caches
    /// it reads). With a recurrent core, backpropagates through the sequences `forward` ran.
    ///
    /// With `inputGradients`, also writes the loss's gradient with respect to the rows' inputs
    /// there (`FeatureGradients`: the numeric features, the task embedding and, with its
    /// `scoresTiles`, the first-order change of every tile flip). `gradients` may then be nil to
    /// skip the parameters' gradient (feedforward networks only: the recurrent core's backward
    /// always computes its own). Without `inputGradients` nothing more is done than before.
    public func backward(rows: Int, entropyGradient: Float, valid: UnsafePointer<UInt8>? = nil, workspace w: PolicyWorkspace, into gradients: Tensor?,
                         inputGradients: FeatureGradients? = nil) {
        precondition(gradients.map { $0.count == parameters.count } ?? (inputGradients != nil && core == nil),
                     "backward needs a gradient vector of \(parameters.count) values (or input gradients of a feedforward network)")
        precondition(inputGradients.map { $0.capacity >= rows } ?? true, "input gradients for \(rows) rows")
        let p = parameters.values.pointer, g = gradients?.pointer
        let hidden = w.hidden.value(rows), hiddenGradient = w.hidden.gradient(rows)
        let entityRows = rows * observation.entityRows, itemRows = rows * observation.inventoryRows
        w.entropyGradient.update(repeating: entropyGradient, count: rows)
        if let valid {
            for row in 0..<rows where valid[row] == 0 { w.entropyGradient[row] = 0 }
        }
        let logProbGradient = UnsafePointer(w.logProbGradients), entropyGradients = UnsafePointer(w.entropyGradient)

        // Heads: logits, queries and value -> h (and the pointer heads' keys).
        let outputGradient = w.headOutputs.gradient(rows)
        outputGradient.fill(0)
        w.entityHidden.gradient(entityRows).fill(0)
        w.itemHidden.gradient(itemRows).fill(0)
        for query in w.entityQueries { query.gradient(rows).fill(0) }
        for query in w.itemQueries { query.gradient(rows).fill(0) }
        for kind in ActionHeadKind.allCases {
            let actions = UnsafePointer(w.actions + kind.rawValue * w.capacity)
            let distribution = distribution(kind, rows: rows, workspace: w)
            let cache = cache(kind, rows: rows, workspace: w)
            let entropies = UnsafePointer(w.headEntropies.pointer + kind.rawValue * w.capacity)
            if let index = entityHeads.firstIndex(where: { $0.kind == kind }) {
                let logits = w.entityLogits[index].gradient(rows)
                distribution.backward(actions: actions, logProbabilityGradient: logProbGradient, entropyGradient: entropyGradients,
                                      entropies: entropies, cache: cache, into: logits)
                entityScores.backward(keys: w.entityHidden.value(entityRows), query: w.entityQueries[index].value(rows), outputGradient: logits,
                                      keyGradient: w.entityHidden.gradient(entityRows), queryGradient: w.entityQueries[index].gradient(rows), accumulate: true)
                copyColumns(w.entityQueries[index].gradient(rows), into: outputGradient, at: entityHeads[index].query.lowerBound)
            } else if let index = itemHeads.firstIndex(where: { $0.kind == kind }) {
                let logits = w.itemLogits[index].gradient(rows)
                distribution.backward(actions: actions, logProbabilityGradient: logProbGradient, entropyGradient: entropyGradients,
                                      entropies: entropies, cache: cache, into: logits)
                itemScores.backward(keys: w.itemHidden.value(itemRows), query: w.itemQueries[index].value(rows), outputGradient: logits,
                                    keyGradient: w.itemHidden.gradient(itemRows), queryGradient: w.itemQueries[index].gradient(rows), accumulate: true)
                copyColumns(w.itemQueries[index].gradient(rows), into: outputGradient, at: itemHeads[index].query.lowerBound)
            } else {
                distribution.backward(actions: actions, logProbabilityGradient: logProbGradient, entropyGradient: entropyGradients,
                                      entropies: entropies, cache: cache, into: outputGradient, accumulate: true)
            }
        }
        for row in 0..<rows { outputGradient[row, valueColumn] = w.valueGradients[row] }
        let headInput = headInput(rows, w)
        heads.backward(input: headInput.value(rows), outputGradient: outputGradient, inputGradient: headInput.gradient(rows), parameters: p, gradients: g)
        if let core, let g {
            core.backward(inputs: hidden, batch: rows / w.coreSteps, resets: w.resets, outputGradient: w.coreOutput.gradient(rows),
                          inputGradient: hiddenGradient, saved: w.coreSaved.pointer, workspace: w.coreScratch.pointer, parameters: p, gradients: g)
        }

        // (The core ->) h -> fused -> the encoders.
        relu.backward(input: hidden, outputGradient: hiddenGradient, inputGradient: hiddenGradient)
        let fusedGradient = w.fused.gradient(rows)
        trunk.backward(input: w.fused.value(rows), outputGradient: hiddenGradient, inputGradient: fusedGradient, parameters: p, gradients: g)
        var start = 0
        for part in [w.tileHidden, w.entityPooled, w.itemPooled, w.selfHidden, w.marketHidden, w.taskHidden] {
            copyColumns(of: fusedGradient, at: start, into: part.gradient(rows))
            start += part.value.shape[1]
        }

        let features = w.features
        let cells = tileConv.cells
        let tileCells = w.tileCells.value(rows * cells).reshaped(rows: rows, columns: cells * sizes.tileChannels)
        let tileCellsGradient = w.tileCells.gradient(rows * cells).reshaped(rows: rows, columns: cells * sizes.tileChannels)
        denseBackward(tileLinear, input: tileCells, output: w.tileHidden, rows: rows, inputGradient: tileCellsGradient, p, g)
        relu.backward(input: tileCells, outputGradient: tileCellsGradient, inputGradient: tileCellsGradient)
        if let g { tileConv.backward(UnsafePointer(features.tileIDs), batch: rows, outputGradient: w.tileCells.gradient(rows * cells), gradients: g) }
        if let inputGradients, inputGradients.scoresTiles {
            tileScores(rows: rows, workspace: w, into: inputGradients.tileScores)
        }

        let d = inputGradients
        entityPooling.backward(outputGradient: w.entityPooled.gradient(rows), mask: features.entityMask, argmax: w.entityArgmax,
                               inputGradient: w.entityHidden.gradient(entityRows), accumulate: true)
        denseBackward(entityLinear, input: features.entities.rows(0..<entityRows), output: w.entityHidden, rows: entityRows,
                      inputGradient: d?.entities.rows(0..<entityRows), p, g)
        itemPooling.backward(outputGradient: w.itemPooled.gradient(rows), mask: features.inventoryMask, argmax: w.itemArgmax,
                             inputGradient: w.itemHidden.gradient(itemRows), accumulate: true)
        denseBackward(itemLinear, input: features.inventory.rows(0..<itemRows), output: w.itemHidden, rows: itemRows,
                      inputGradient: d?.inventory.rows(0..<itemRows), p, g)
        denseBackward(selfLinear, input: features.selfFeatures.rows(0..<rows), output: w.selfHidden, rows: rows,
                      inputGradient: d?.selfFeatures.rows(0..<rows), p, g)
        denseBackward(marketLinear, input: features.market.rows(0..<rows), output: w.marketHidden, rows: rows, inputGradient: d?.market.rows(0..<rows), p, g)
        denseBackward(taskLinear, input: w.taskInput.matrix(rows: rows, columns: taskDimension), output: w.taskHidden, rows: rows,
                      inputGradient: d?.task.rows(0..<rows), p, g)
    }

    /// `FeatureGradients.tileScores` of the rows, from the gradient with respect to the tile
    /// convolution's output (after the ReLU's backward): the one-hot gradient over the materials
    /// that keep each tile's occupant (tile ids are material + Material.count x occupant), minus
    /// its value at the tile's own material.
    private func tileScores(rows: Int, workspace w: PolicyWorkspace, into scores: UnsafeMutablePointer<Float>) {
        let ids = UnsafePointer(w.features.tileIDs), tiles = observation.side * observation.side, materials = Material.count
        tileConv.oneHotGradient(ids, batch: rows, outputGradient: w.tileCells.gradient(rows * tileConv.cells), block: materials,
                                into: scores, parameters: parameters.values.pointer)
        for tile in 0..<rows * tiles {
            let score = scores + tile * materials
            let own = score[Int(ids[tile]) % materials]
            for material in 0..<materials { score[material] -= own }
        }
    }

    /// Backward through ReLU (from its output, in place on the output's gradient) then the Linear.
    private func denseBackward(_ layer: Linear, input: Matrix, output: PolicyWorkspace.Pair, rows: Int, inputGradient: Matrix?,
                               _ p: UnsafeMutablePointer<Float>, _ g: UnsafeMutablePointer<Float>?) {
        let gradient = output.gradient(rows)
        relu.backward(input: output.value(rows), outputGradient: gradient, inputGradient: gradient)
        layer.backward(input: input, outputGradient: gradient, inputGradient: inputGradient, parameters: p, gradients: g)
    }
}

/// Copies `part` into columns start..<start + part.columns of `whole` (same rows).
func copyColumns(_ part: Matrix, into whole: Matrix, at start: Int) {
    for row in 0..<part.rows { (whole.row(row) + start).update(from: part.row(row), count: part.columns) }
}

/// Copies columns start..<start + part.columns of `whole` into `part`.
func copyColumns(of whole: Matrix, at start: Int, into part: Matrix) {
    for row in 0..<part.rows { part.row(row).update(from: whole.row(row) + start, count: part.columns) }
}
