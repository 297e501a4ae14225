/// Layer sizes of the policy network. The default is sized to train quickly on 2 CPU cores
/// (about 0.3 M multiply-adds per agent-step forward); every size can be raised for bigger machines.
public struct PolicyConfig: Sendable, Equatable, Codable {
    /// Output channels of the gather convolution over the tile window.
    public var tileChannels = 32
    public var tileKernel = 5
    public var tileStride = 3
    /// Width of the tile encoder's output.
    public var tileWidth = 128
    /// Width of each entity row's and inventory slot's embedding (also the pointer heads' key width).
    public var entityWidth = 64
    public var itemWidth = 64
    public var selfWidth = 64
    public var marketWidth = 32
    public var taskWidth = 64
    /// Width of the fused hidden state all heads read.
    public var hiddenWidth = 128

    public init() {}

    /// Sizes as a short JSON object (checkpoint metadata).
    public var json: String {
        "{\"tile_channels\": \(tileChannels), \"tile_kernel\": \(tileKernel), \"tile_stride\": \(tileStride), \"tile_width\": \(tileWidth), "
            + "\"entity_width\": \(entityWidth), \"item_width\": \(itemWidth), \"self_width\": \(selfWidth), \"market_width\": \(marketWidth), "
            + "\"task_width\": \(taskWidth), \"hidden_width\": \(hiddenWidth)}"
    }
}
