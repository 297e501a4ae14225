internal import CZlib

/// Decompresses one block of a format 4 replay (see `ReplayFormat`), checking it against its
/// declared size: the output buffer is exactly that size, so a damaged block can neither write
/// past it nor make the reader allocate more than the block allows.
enum ReplayBlockDecompressor {
    /// deflate encodes at most 258 bytes in a fraction of a byte (zlib's documented limit is
    /// 1032:1), so a block of n compressed bytes cannot hold more than n times this.
    static let maximumRatio = 1032

    /// The decompressed bytes of the block in `bytes[range]`, `block` (numbered from 0, covering
    /// `ticks`), which may declare at most `limit` bytes, or an error naming `file`, the block
    /// and the problem.
    static func decompress(_ bytes: [UInt8], range: Range<Int>, block: Int, ticks: ClosedRange<Int>, limit: Int, file: String) throws(ReplayError) -> [UInt8] {
        let region = "block \(block) (ticks \(ticks.lowerBound)...\(ticks.upperBound))"
        var reader = ByteReader(bytes, range: range, file: file, region: region)
        let declared = try reader.varint()
        let compressed = reader.remaining
        guard declared > 0, declared <= UInt64(compressed) * UInt64(maximumRatio) else {
            throw reader.corrupt("it declares \(ReplayError.bytes(Int(clamping: declared))) of records, but \(ReplayError.bytes(compressed)) of zlib data can hold 1 to \(compressed * maximumRatio)")
        }
        guard declared <= UInt64(limit) else {
            throw reader.corrupt("it declares \(ReplayError.bytes(Int(declared))) of records, more than the \(limit) a block of this replay may have")
        }
        var output = [UInt8](repeating: 0, count: Int(declared))
        var outputCount = uLong(declared)
        var inputCount = uLong(compressed)
        let status = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { all in
                uncompress2(out.baseAddress, &outputCount, all.baseAddress! + reader.position, &inputCount)
            }
        }
        switch status {
        case Z_OK:
            guard Int(outputCount) == output.count else {
                throw reader.corrupt("its zlib data decompresses to \(ReplayError.bytes(Int(outputCount))), but it declares \(output.count)")
            }
            guard Int(inputCount) == compressed else {
                throw reader.corrupt("\(ReplayError.bytes(compressed - Int(inputCount))) follow the end of its zlib data")
            }
            return output
        case Z_BUF_ERROR:
            throw reader.corrupt("its zlib data decompresses to more than the \(ReplayError.bytes(output.count)) it declares")
        case Z_MEM_ERROR:
            throw ReplayError(file: file, message: "cannot decompress \(region): out of memory")
        default:
            throw reader.corrupt("its zlib data is invalid or cut short (zlib status \(status))")
        }
    }
}
