import MMOCore
import MMONet
import MMOTasks

/// The gradient of a loss with respect to the policy's inputs for up to `capacity` rows, allocated
/// once, filled by `PolicyNetwork.backward` when passed one: what a white-box attack follows.
///
/// - Numeric inputs, shaped as `FeatureBatch` holds them: `selfFeatures`, `entities`,
///   `inventory` and `market` (every column, the categorical one-hots and the rows of empty
///   entity and item slots included: there the gradient is whatever the math gives), and `task`
///   [capacity, TaskEmbedding.dimension], the gradient with respect to the task embedding the
///   network read (embedding plus `FeatureBatch.taskShift`).
/// - Tiles (with `scoresTiles`): `tileScores` [capacity, side * side, Material.count], for each
///   row, tile and material m the first-order change of the loss if that tile took material m and
///   kept its occupant: d loss / d onehot[material m, same occupant] - d loss / d onehot[its id]
///   (0 at its own material). The convolution is linear in the one-hot input, so this is exact up
///   to the layers after it.
public final class FeatureGradients: @unchecked Sendable {
    public let capacity: Int
    public let selfFeatures: Matrix
    public let entities: Matrix
    public let inventory: Matrix
    public let market: Matrix
    public let task: Matrix
    public let tileScores: UnsafeMutablePointer<Float>
    /// Whether `backward` fills `tileScores` (the costliest part; off when no tile may flip).
    public var scoresTiles = true
    private let storage: [Tensor]

    public init(features: ObservationFeatures, capacity: Int) {
        self.capacity = capacity
        let selfTensor = Tensor(shape: [capacity, ObservationFeatures.selfWidth])
        let entityTensor = Tensor(shape: [capacity * features.entityRows, ObservationFeatures.entityWidth])
        let inventoryTensor = Tensor(shape: [capacity * features.inventoryRows, ObservationFeatures.inventoryWidth])
        let marketTensor = Tensor(shape: [capacity, features.marketEntries * ObservationFeatures.marketWidth])
        let taskTensor = Tensor(shape: [capacity, TaskEmbedding.dimension])
        let tileTensor = Tensor(shape: [capacity, features.side * features.side * Material.count])
        storage = [selfTensor, entityTensor, inventoryTensor, marketTensor, taskTensor, tileTensor]
        selfFeatures = selfTensor.matrix(rows: capacity)
        entities = entityTensor.matrix(rows: capacity * features.entityRows)
        inventory = inventoryTensor.matrix(rows: capacity * features.inventoryRows)
        market = marketTensor.matrix(rows: capacity)
        task = taskTensor.matrix(rows: capacity)
        tileScores = tileTensor.pointer
    }
}
