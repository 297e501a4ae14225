import MMOTrain
import MMOTasks

/// The perturbable numeric features of one agent as a flat vector, and the way between that vector
/// and a `FeatureBatch` row. Layout: the self columns (without task progress), each entity row's
/// numeric columns, each inventory slot's numeric columns, the market; with `includesTask` (the
/// goal ablation) then task progress and the task embedding. Categorical columns (entity and item
/// kinds), the row masks and the tile ids are not in the vector: tiles have their own L0 budget.
public struct AttackSurface: Sendable {
    public let features: ObservationFeatures
    public let includesTask: Bool
    /// The vector's length.
    public let width: Int
    /// Per coordinate: its column (encoding and raw range) and valid range in feature units.
    public let columns: [FeatureColumn]
    public let lower: [Float]
    public let upper: [Float]
    /// Where each part of the vector starts.
    public let entityStart: Int, inventoryStart: Int, marketStart: Int, taskStart: Int
    private let selfCount: Int, entityCount: Int, inventoryCount: Int
    private let taskTable: [Float]

    /// `taskEmbeddings` (the network's `taskTable`) is needed only with `includesTask`.
    public init(features: ObservationFeatures, includesTask: Bool = false, taskEmbeddings: [Float] = []) {
        self.features = features
        self.includesTask = includesTask
        taskTable = taskEmbeddings
        let selfColumns = features.selfFeatureColumns, entityColumns = features.entityFeatureColumns, inventoryColumns = features.inventoryFeatureColumns
        selfCount = selfColumns.count
        entityCount = entityColumns.count
        inventoryCount = inventoryColumns.count
        var columns = selfColumns
        entityStart = columns.count
        for _ in 0..<features.entityRows { columns += entityColumns }
        inventoryStart = columns.count
        for _ in 0..<features.inventoryRows { columns += inventoryColumns }
        marketStart = columns.count
        for _ in 0..<features.marketEntries { columns += features.marketFeatureColumns }
        taskStart = columns.count
        if includesTask {
            columns.append(ObservationFeatures.taskProgressColumn)
            columns += Array(repeating: FeatureColumn("task embedding", .real, 0...1), count: TaskEmbedding.dimension)
        }
        self.columns = columns
        width = columns.count
        lower = columns.map(\.lower)
        upper = columns.map(\.upper)
    }

    /// Reads row `row` of `batch` into `x` (width values; the task embedding with the batch's task
    /// shift when it has one) and marks in `active` (width bytes) the
    /// coordinates an attack may change: all but the numeric columns of empty entity and item rows.
    public func read(_ batch: FeatureBatch, row: Int, into x: UnsafeMutablePointer<Float>, active: UnsafeMutablePointer<UInt8>) {
        let me = batch.selfFeatures.row(row)
        for c in 0..<selfCount { x[c] = me[c]; active[c] = 1 }
        for entity in 0..<features.entityRows {
            let source = batch.entities.row(row * features.entityRows + entity) + ObservationFeatures.entityNumericOffset
            let start = entityStart + entity * entityCount
            let live: UInt8 = batch.entityMask[row * features.entityRows + entity] != 0 ? 1 : 0
            for c in 0..<entityCount { x[start + c] = source[c]; active[start + c] = live }
        }
        for slot in 0..<features.inventoryRows {
            let source = batch.inventory.row(row * features.inventoryRows + slot) + ObservationFeatures.inventoryNumericOffset
            let start = inventoryStart + slot * inventoryCount
            let live: UInt8 = batch.inventoryMask[row * features.inventoryRows + slot] != 0 ? 1 : 0
            for c in 0..<inventoryCount { x[start + c] = source[c]; active[start + c] = live }
        }
        let market = batch.market.row(row)
        for c in 0..<marketStart.distance(to: taskStart) { x[marketStart + c] = market[c]; active[marketStart + c] = 1 }
        guard includesTask else { return }
        x[taskStart] = me[selfCount]
        active[taskStart] = 1
        let task = Int(batch.tasks[row]), dimension = TaskEmbedding.dimension
        let shift = batch.taskShift.row(row)
        for c in 0..<dimension {
            let index = task * dimension + c
            x[taskStart + 1 + c] = (index < taskTable.count ? taskTable[index] : 0) + (batch.shiftsTask ? shift[c] : 0)
            active[taskStart + 1 + c] = 1
        }
    }

    /// Writes `x` back into row `row` of `batch` (the inverse of `read` on the coordinates it reads).
    public func write(_ x: UnsafePointer<Float>, into batch: FeatureBatch, row: Int) {
        let me = batch.selfFeatures.row(row)
        for c in 0..<selfCount { me[c] = x[c] }
        for entity in 0..<features.entityRows {
            let destination = batch.entities.row(row * features.entityRows + entity) + ObservationFeatures.entityNumericOffset
            let start = entityStart + entity * entityCount
            for c in 0..<entityCount { destination[c] = x[start + c] }
        }
        for slot in 0..<features.inventoryRows {
            let destination = batch.inventory.row(row * features.inventoryRows + slot) + ObservationFeatures.inventoryNumericOffset
            let start = inventoryStart + slot * inventoryCount
            for c in 0..<inventoryCount { destination[c] = x[start + c] }
        }
        let market = batch.market.row(row)
        for c in 0..<marketStart.distance(to: taskStart) { market[c] = x[marketStart + c] }
        guard includesTask else { return }
        me[selfCount] = x[taskStart]
        batch.shiftsTask = true
        let task = Int(batch.tasks[row]), dimension = TaskEmbedding.dimension
        let shift = batch.taskShift.row(row)
        for c in 0..<dimension {
            let index = task * dimension + c
            shift[c] = x[taskStart + 1 + c] - (index < taskTable.count ? taskTable[index] : 0)
        }
    }

    /// The largest change of coordinate `c` under `budget`: epsilon times its range's width.
    @inline(__always) public func radius(_ c: Int, epsilon: Float) -> Float { epsilon * (upper[c] - lower[c]) }
}
