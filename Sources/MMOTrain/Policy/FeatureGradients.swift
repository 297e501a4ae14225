import MMOCore
import MMONet

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
    public var selfFeatures: Matrix { numeric.selfFeatures }
    public var entities: Matrix { numeric.entities }
    public var inventory: Matrix { numeric.inventory }
    public var market: Matrix { numeric.market }
    public var task: Matrix { numeric.task }
    public let tileScores: UnsafeMutablePointer<Float>
    /// Whether `backward` fills `tileScores` (the costliest part; off when no tile may flip).
    public var scoresTiles = true
    private let numeric: NumericFeatureMatrices
    private let tiles: Tensor

    public init(features: ObservationFeatures, capacity: Int) {
        self.capacity = capacity
        numeric = NumericFeatureMatrices(features: features, capacity: capacity)
        tiles = Tensor(shape: [capacity, features.side * features.side * Material.count])
        tileScores = tiles.pointer
    }
}
