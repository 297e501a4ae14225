import Foundation
import MMOCore

/// Layer sizes of the policy network. The default is sized to train quickly on 2 CPU cores
/// (about 0.31 M multiply-adds per agent-step forward); every size can be raised for bigger machines.
public struct PolicyConfig: Sendable, Equatable {
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
    /// Whether a GRU core (`hiddenWidth` wide) sits between the fused state and the heads, carrying
    /// each agent's state from step to step (trained with truncated BPTT).
    public var recurrent = false

    public init() {}

    /// The sizes written by `json`; every size key is required and must be an integer in 1...4096;
    /// `recurrent` is optional (absent: false, as in checkpoints written before it existed).
    public init(json: String) throws(PolicyConfigError) {
        let document: JSONValue
        do {
            document = try JSONValue.parse(Data(json.utf8))
        } catch {
            throw PolicyConfigError(message: "is not valid JSON: \(error)")
        }
        func size(_ key: String) throws(PolicyConfigError) -> Int {
            guard case .int(let value)? = document[key], (1...4_096).contains(value) else {
                throw PolicyConfigError(message: "'\(key)' must be an integer in 1...4096, got \(document[key]?.text.excerpt() ?? "nothing")")
            }
            return value
        }
        tileChannels = try size("tile_channels")
        tileKernel = try size("tile_kernel")
        tileStride = try size("tile_stride")
        tileWidth = try size("tile_width")
        entityWidth = try size("entity_width")
        itemWidth = try size("item_width")
        selfWidth = try size("self_width")
        marketWidth = try size("market_width")
        taskWidth = try size("task_width")
        hiddenWidth = try size("hidden_width")
        switch document["recurrent"] {
        case nil: recurrent = false
        case .bool(let value)?: recurrent = value
        case let other?: throw PolicyConfigError(message: "'recurrent' must be true or false, got \(other.text.excerpt())")
        }
    }

    /// Sizes as a short JSON object (checkpoint metadata).
    public var json: String {
        "{\"tile_channels\": \(tileChannels), \"tile_kernel\": \(tileKernel), \"tile_stride\": \(tileStride), \"tile_width\": \(tileWidth), "
            + "\"entity_width\": \(entityWidth), \"item_width\": \(itemWidth), \"self_width\": \(selfWidth), \"market_width\": \(marketWidth), "
            + "\"task_width\": \(taskWidth), \"hidden_width\": \(hiddenWidth), \"recurrent\": \(recurrent)}"
    }
}

/// A policy-size description that cannot be used, with the reason.
public struct PolicyConfigError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
