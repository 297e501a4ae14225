/// One tensor as a safetensors header describes it: its name, element type, shape, and where its
/// bytes lie in the data buffer (the bytes after the header).
public struct SafeTensorsEntry: Sendable, Equatable {
    public let name: String
    public let dtype: SafeTensorsDType
    public let shape: [Int]
    /// The header's `data_offsets` [begin, end): byte positions in the data buffer.
    public let dataOffsets: Range<Int>

    /// `[begin, end]`, as the header writes the offsets.
    var offsetsText: String { "[\(dataOffsets.lowerBound), \(dataOffsets.upperBound)]" }
}
