import MMONet
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
        forEachBlock(batch.selfFeatures, batch.entities, batch.inventory, batch.market, row: row) { source, start, count, owner in
            let live: UInt8
            switch owner {
            case .agent: live = 1
            case .entity(let index): live = batch.entityMask[index] != 0 ? 1 : 0
            case .item(let index): live = batch.inventoryMask[index] != 0 ? 1 : 0
            }
            for c in 0..<count { x[start + c] = source[c]; active[start + c] = live }
        }
        guard includesTask else { return }
        x[taskStart] = batch.selfFeatures.row(row)[selfCount]
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
        forEachBlock(batch.selfFeatures, batch.entities, batch.inventory, batch.market, row: row) { destination, start, count, _ in
            for c in 0..<count { destination[c] = x[start + c] }
        }
        guard includesTask else { return }
        batch.selfFeatures.row(row)[selfCount] = x[taskStart]
        batch.shiftsTask = true
        let task = Int(batch.tasks[row]), dimension = TaskEmbedding.dimension
        let shift = batch.taskShift.row(row)
        for c in 0..<dimension {
            let index = task * dimension + c
            shift[c] = x[taskStart + 1 + c] - (index < taskTable.count ? taskTable[index] : 0)
        }
    }

    /// Reads the loss's gradient with respect to row `row`'s inputs (`PolicyNetwork.backward`'s
    /// input gradients) into `g` (width values, in `read`'s layout).
    public func readGradient(_ gradients: FeatureGradients, row: Int, into g: UnsafeMutablePointer<Float>) {
        forEachBlock(gradients.selfFeatures, gradients.entities, gradients.inventory, gradients.market, row: row) { source, start, count, _ in
            for c in 0..<count { g[start + c] = source[c] }
        }
        guard includesTask else { return }
        g[taskStart] = gradients.selfFeatures.row(row)[selfCount]
        let task = gradients.task.row(row)
        for c in 0..<TaskEmbedding.dimension { g[taskStart + 1 + c] = task[c] }
    }

    /// Whose numeric columns a block of the vector holds: the agent's own (self and market), or an
    /// entity or inventory row (its index among the batch's rows, for the row masks).
    private enum BlockOwner { case agent, entity(Int), item(Int) }

    /// Calls `body(first column, start in the vector, length, owner)` for every block of the vector
    /// except the task, in matrices laid out as `FeatureBatch`'s.
    private func forEachBlock(_ selfFeatures: Matrix, _ entities: Matrix, _ inventory: Matrix, _ market: Matrix, row: Int,
                              _ body: (UnsafeMutablePointer<Float>, Int, Int, BlockOwner) -> Void) {
        body(selfFeatures.row(row), 0, selfCount, .agent)
        for entity in 0..<features.entityRows {
            let index = row * features.entityRows + entity
            body(entities.row(index) + ObservationFeatures.entityNumericOffset, entityStart + entity * entityCount, entityCount, .entity(index))
        }
        for slot in 0..<features.inventoryRows {
            let index = row * features.inventoryRows + slot
            body(inventory.row(index) + ObservationFeatures.inventoryNumericOffset, inventoryStart + slot * inventoryCount, inventoryCount, .item(index))
        }
        body(market.row(row), marketStart, marketStart.distance(to: taskStart), .agent)
    }

    /// Where coordinate `c` may go from its clean value `clean` under `epsilon`: within the radius
    /// of it, and inside the valid range (or up to the clean value, should that lie outside).
    @inline(__always) public func bounds(_ c: Int, clean: Float, epsilon: Float) -> (low: Float, high: Float) {
        let radius = radius(c, epsilon: epsilon)
        return (max(min(lower[c], clean), clean - radius), min(max(upper[c], clean), clean + radius))
    }

    /// The largest change of coordinate `c` under `budget`: epsilon times its range's width.
    @inline(__always) public func radius(_ c: Int, epsilon: Float) -> Float { epsilon * (upper[c] - lower[c]) }
}
