import MMONet

/// Every activation and activation gradient of one forward/backward pass of a `PolicyNetwork` for
/// up to `capacity` agents, allocated once: each worker thread owns one, so workers never share
/// writable memory.
public final class PolicyWorkspace: @unchecked Sendable {
    /// Rows per forward/backward pass in inference and the update: the activations of this many
    /// rows stay in the last-level cache, where a whole minibatch share (1,024 rows, about 40 MB)
    /// does not. 128 to 512 measured alike here; 64 was slower (more, smaller sgemm calls).
    public static let passRows = 256
    public let capacity: Int
    public let features: FeatureBatch
    /// [capacity, maskWidth] mask rows and [capacity, headCount] actions of the rows in the batch.
    public let masks: UnsafeMutablePointer<UInt8>
    public let actions: UnsafeMutablePointer<Int32>
    /// Per row: summed log-probability of the actions, summed entropy, value.
    public let logProbs: UnsafeMutablePointer<Float>
    public let entropies: UnsafeMutablePointer<Float>
    public let values: UnsafeMutablePointer<Float>
    /// Per row: d loss / d summed log-probability and d loss / d value (set by the trainer).
    public let logProbGradients: UnsafeMutablePointer<Float>
    public let valueGradients: UnsafeMutablePointer<Float>
    /// Per row: the agent (or rollout entry) it holds, and its random stream for sampling.
    public let rowAgents: UnsafeMutablePointer<Int32>
    public let rowRandom: UnsafeMutablePointer<NetRandom>
    /// Per row in the update: 1 for a sample, 0 for a padding row of a recurrent sequence.
    public let rowValid: UnsafeMutablePointer<UInt8>
    /// Scratch for per-head log-probabilities and entropies.
    let headScratch: UnsafeMutablePointer<Float>
    let entropyGradient: UnsafeMutablePointer<Float>
    let entityArgmax: UnsafeMutablePointer<Int32>
    let itemArgmax: UnsafeMutablePointer<Int32>

    /// One activation and its gradient.
    struct Pair {
        let value: Tensor
        let gradient: Tensor
        init(rows: Int, columns: Int) {
            value = Tensor(shape: [rows, columns])
            gradient = Tensor(shape: [rows, columns])
        }
        func value(_ rows: Int) -> Matrix { value.matrix(rows: rows, columns: value.shape[1]) }
        func gradient(_ rows: Int) -> Matrix { gradient.matrix(rows: rows, columns: gradient.shape[1]) }
    }

    let taskInput: Tensor
    let tileCells: Pair, tileHidden: Pair
    let entityHidden: Pair, entityPooled: Pair
    let itemHidden: Pair, itemPooled: Pair
    let selfHidden: Pair, marketHidden: Pair, taskHidden: Pair
    let fused: Pair, hidden: Pair
    /// The recurrent core's buffers, sized for `capacity` rows when the network has a core (else
    /// empty): each step's state (what the heads read), the GRU's saved values and scratch, and the
    /// sequence length of the last `forward`.
    let coreOutput: Pair
    let coreSaved: Tensor, coreScratch: Tensor
    var coreSteps = 1
    /// With a recurrent core: the state each sequence of a pass starts from, [capacity, hiddenWidth]
    /// (B rows used for B sequences), and one reset byte per row (nonzero: the state entering that
    /// row is zeroed). Inference leaves the resets at zero.
    public let initialState: Tensor
    public let resets: UnsafeMutablePointer<UInt8>
    /// The heads layer's output: plain logits, pointer queries and the value (`PolicyNetwork.heads`).
    let headOutputs: Pair
    let entityQueries: [Pair], entityLogits: [Pair]
    let itemQueries: [Pair], itemLogits: [Pair]
    /// Softmax caches of the heads (kept by `evaluate` for `backward`): probabilities shaped like
    /// each head's logits (the plain heads': like `headOutputs`), and per head and row the log normaliser and the entropy.
    let plainProbabilities: Tensor
    let entityProbabilities: [Tensor], itemProbabilities: [Tensor]
    let logNormalisers: Tensor
    let headEntropies: Tensor

    public init(network: PolicyNetwork, capacity: Int) {
        self.capacity = capacity
        let sizes = network.sizes, observation = network.observation
        features = FeatureBatch(features: observation, capacity: capacity)
        func pointer<T: Numeric>(_ count: Int, _: T.Type) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: count)
            p.initialize(repeating: 0, count: count)
            return p
        }
        masks = pointer(capacity * network.maskWidth, UInt8.self)
        actions = pointer(capacity * network.headCount, Int32.self)
        logProbs = pointer(capacity, Float.self)
        entropies = pointer(capacity, Float.self)
        values = pointer(capacity, Float.self)
        logProbGradients = pointer(capacity, Float.self)
        valueGradients = pointer(capacity, Float.self)
        headScratch = pointer(capacity * 2, Float.self)
        rowAgents = pointer(capacity, Int32.self)
        rowRandom = .allocate(capacity: capacity)
        rowRandom.initialize(repeating: NetRandom(seed: 0), count: capacity)
        entropyGradient = pointer(capacity, Float.self)
        rowValid = pointer(capacity, UInt8.self)
        entityArgmax = pointer(capacity * sizes.entityWidth, Int32.self)
        itemArgmax = pointer(capacity * sizes.itemWidth, Int32.self)
        taskInput = Tensor(shape: [capacity, network.taskDimension])
        tileCells = Pair(rows: capacity * network.tileConv.cells, columns: sizes.tileChannels)
        tileHidden = Pair(rows: capacity, columns: sizes.tileWidth)
        entityHidden = Pair(rows: capacity * observation.entityRows, columns: sizes.entityWidth)
        entityPooled = Pair(rows: capacity, columns: 2 * sizes.entityWidth)
        itemHidden = Pair(rows: capacity * observation.inventoryRows, columns: sizes.itemWidth)
        itemPooled = Pair(rows: capacity, columns: 2 * sizes.itemWidth)
        selfHidden = Pair(rows: capacity, columns: sizes.selfWidth)
        marketHidden = Pair(rows: capacity, columns: sizes.marketWidth)
        taskHidden = Pair(rows: capacity, columns: sizes.taskWidth)
        fused = Pair(rows: capacity, columns: network.fusedWidth)
        hidden = Pair(rows: capacity, columns: sizes.hiddenWidth)
        let coreRows = network.core == nil ? 0 : capacity, width = sizes.hiddenWidth
        coreOutput = Pair(rows: coreRows, columns: width)
        coreSaved = Tensor(shape: [GRUCell.savedCount(steps: 1, batch: coreRows, hidden: width)])
        // One step of `capacity` sequences needs the most scratch of any split of the rows.
        coreScratch = Tensor(shape: [GRUCell.workspaceCount(steps: 1, batch: coreRows, hidden: width)])
        initialState = Tensor(shape: [coreRows, width])
        resets = pointer(max(coreRows, 1), UInt8.self)
        headOutputs = Pair(rows: capacity, columns: network.heads.outputs)
        entityQueries = network.entityHeads.map { _ in Pair(rows: capacity, columns: sizes.entityWidth) }
        entityLogits = network.entityHeads.map { _ in Pair(rows: capacity, columns: observation.entityRows + 1) }
        itemQueries = network.itemHeads.map { _ in Pair(rows: capacity, columns: sizes.itemWidth) }
        itemLogits = network.itemHeads.map { _ in Pair(rows: capacity, columns: observation.inventoryRows + 1) }
        plainProbabilities = Tensor(shape: [capacity, network.heads.outputs])
        entityProbabilities = network.entityHeads.map { _ in Tensor(shape: [capacity, observation.entityRows + 1]) }
        itemProbabilities = network.itemHeads.map { _ in Tensor(shape: [capacity, observation.inventoryRows + 1]) }
        logNormalisers = Tensor(shape: [network.headCount, capacity])
        headEntropies = Tensor(shape: [network.headCount, capacity])
    }

    deinit {
        masks.deallocate()
        actions.deallocate()
        logProbs.deallocate()
        entropies.deallocate()
        values.deallocate()
        logProbGradients.deallocate()
        valueGradients.deallocate()
        headScratch.deallocate()
        rowAgents.deallocate()
        rowRandom.deallocate()
        entropyGradient.deallocate()
        entityArgmax.deallocate()
        itemArgmax.deallocate()
        resets.deallocate()
        rowValid.deallocate()
    }
}
