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
    private let storage: [Tensor]

    public init(features: ObservationFeatures, capacity: Int) {
        self.capacity = capacity
        let selfTensor = Tensor(shape: [capacity, ObservationFeatures.selfWidth])
        let entityTensor = Tensor(shape: [capacity * features.entityRows, ObservationFeatures.entityWidth])
        let inventoryTensor = Tensor(shape: [capacity * features.inventoryRows, ObservationFeatures.inventoryWidth])
        let marketTensor = Tensor(shape: [capacity, features.marketEntries * ObservationFeatures.marketWidth])
        storage = [selfTensor, entityTensor, inventoryTensor, marketTensor]
        selfFeatures = selfTensor.matrix(rows: capacity)
        entities = entityTensor.matrix(rows: capacity * features.entityRows)
        inventory = inventoryTensor.matrix(rows: capacity * features.inventoryRows)
        market = marketTensor.matrix(rows: capacity)
        tileIDs = .allocate(capacity: capacity * features.side * features.side)
        tileIDs.initialize(repeating: 0, count: capacity * features.side * features.side)
        entityMask = .allocate(capacity: capacity * features.entityRows)
        entityMask.initialize(repeating: 0, count: capacity * features.entityRows)
        inventoryMask = .allocate(capacity: capacity * features.inventoryRows)
        inventoryMask.initialize(repeating: 0, count: capacity * features.inventoryRows)
        tasks = .allocate(capacity: capacity)
        tasks.initialize(repeating: 0, count: capacity)
    }

    deinit {
        tileIDs.deallocate()
        entityMask.deallocate()
        inventoryMask.deallocate()
        tasks.deallocate()
    }
}
