import MMONet

/// The policy's inputs for up to `capacity` agents, allocated once: what `ObservationFeatures`
/// writes and the network reads. Rows past the batch in use hold stale values and are not read.
public final class FeatureBatch: @unchecked Sendable {
    public let capacity: Int
    /// [capacity, side * side] tile category ids.
    public let tileIDs: UnsafeMutablePointer<Int32>
    public let selfFeatures: Matrix
    /// [capacity * entityRows, entityWidth]; `entityMask` marks rows that hold an entity.
    public let entities: Matrix
    public let entityMask: UnsafeMutablePointer<UInt8>
    /// [capacity * inventoryRows, inventoryWidth]; `inventoryMask` marks non-empty slots.
    public let inventory: Matrix
    public let inventoryMask: UnsafeMutablePointer<UInt8>
    public let market: Matrix
    /// Each row's curriculum task index.
    public let tasks: UnsafeMutablePointer<Int32>
    /// [capacity, TaskEmbedding.dimension] offsets added to each row's task embedding when
    /// `shiftsTask` is set (an attack ablation that perturbs the goal); otherwise not read.
    public let taskShift: Matrix
    public var shiftsTask = false
    private let side: Int, entityRows: Int, inventoryRows: Int
    private let numeric: NumericFeatureMatrices

    public init(features: ObservationFeatures, capacity: Int) {
        self.capacity = capacity
        numeric = NumericFeatureMatrices(features: features, capacity: capacity)
        selfFeatures = numeric.selfFeatures
        entities = numeric.entities
        inventory = numeric.inventory
        market = numeric.market
        taskShift = numeric.task
        side = features.side
        entityRows = features.entityRows
        inventoryRows = features.inventoryRows
        tileIDs = .allocate(capacity: capacity * features.side * features.side)
        tileIDs.initialize(repeating: 0, count: capacity * features.side * features.side)
        entityMask = .allocate(capacity: capacity * features.entityRows)
        entityMask.initialize(repeating: 0, count: capacity * features.entityRows)
        inventoryMask = .allocate(capacity: capacity * features.inventoryRows)
        inventoryMask.initialize(repeating: 0, count: capacity * features.inventoryRows)
        tasks = .allocate(capacity: capacity)
        tasks.initialize(repeating: 0, count: capacity)
    }

    /// Copies row `sourceRow` of `source` (a batch for the same features) into row `row`, with its
    /// task shift when `source.shiftsTask`.
    public func copyRow(_ sourceRow: Int, of source: FeatureBatch, to row: Int) {
        let tiles = side * side
        (tileIDs + row * tiles).update(from: source.tileIDs + sourceRow * tiles, count: tiles)
        selfFeatures.row(row).update(from: source.selfFeatures.row(sourceRow), count: selfFeatures.columns)
        entities.row(row * entityRows).update(from: source.entities.row(sourceRow * entityRows), count: entityRows * entities.columns)
        (entityMask + row * entityRows).update(from: source.entityMask + sourceRow * entityRows, count: entityRows)
        inventory.row(row * inventoryRows).update(from: source.inventory.row(sourceRow * inventoryRows), count: inventoryRows * inventory.columns)
        (inventoryMask + row * inventoryRows).update(from: source.inventoryMask + sourceRow * inventoryRows, count: inventoryRows)
        market.row(row).update(from: source.market.row(sourceRow), count: market.columns)
        tasks[row] = source.tasks[sourceRow]
        shiftsTask = source.shiftsTask
        if shiftsTask { taskShift.row(row).update(from: source.taskShift.row(sourceRow), count: taskShift.columns) }
    }

    deinit {
        tileIDs.deallocate()
        entityMask.deallocate()
        inventoryMask.deallocate()
        tasks.deallocate()
    }
}
