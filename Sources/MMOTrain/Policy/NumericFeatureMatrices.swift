import MMONet
import MMOTasks

/// The policy's numeric inputs for up to `capacity` rows, in their own storage: the agent's own
/// features, its entity rows, its inventory rows, the market, and a task-embedding-wide row. The
/// layout `FeatureBatch` holds its features in and `FeatureGradients` their gradients.
struct NumericFeatureMatrices {
    let selfFeatures: Matrix
    let entities: Matrix
    let inventory: Matrix
    let market: Matrix
    let task: Matrix
    private let storage: [Tensor]

    init(features: ObservationFeatures, capacity: Int) {
        let selfTensor = Tensor(shape: [capacity, ObservationFeatures.selfWidth])
        let entityTensor = Tensor(shape: [capacity * features.entityRows, ObservationFeatures.entityWidth])
        let inventoryTensor = Tensor(shape: [capacity * features.inventoryRows, ObservationFeatures.inventoryWidth])
        let marketTensor = Tensor(shape: [capacity, features.marketEntries * ObservationFeatures.marketWidth])
        let taskTensor = Tensor(shape: [capacity, TaskEmbedding.dimension])
        storage = [selfTensor, entityTensor, inventoryTensor, marketTensor, taskTensor]
        selfFeatures = selfTensor.matrix(rows: capacity)
        entities = entityTensor.matrix(rows: capacity * features.entityRows)
        inventory = inventoryTensor.matrix(rows: capacity * features.inventoryRows)
        market = marketTensor.matrix(rows: capacity)
        task = taskTensor.matrix(rows: capacity)
    }
}
