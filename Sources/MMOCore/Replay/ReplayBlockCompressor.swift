internal import CZlib

/// Compresses the records of one block of a format 4 replay (see `ReplayFormat`) into a zlib
/// stream as they arrive, so each tick does its share of the work.
///
/// The zlib state and the output buffer live as long as the compressor and are reset between
/// blocks, so compressing allocates only while the output buffer grows past its largest block so far.
final class ReplayBlockCompressor {
    /// zlib keeps a pointer back to its stream, so the stream must not move: it lives on the heap.
    private let stream: UnsafeMutablePointer<z_stream>
    /// The compressed bytes of the current block are the first `compressedCount` bytes.
    private var output: UnsafeMutableRawBufferPointer
    private var compressedCount = 0
    /// Bytes given to the current block so far.
    private(set) var uncompressedCount = 0

    /// A compressor at zlib `level` (0...9); nil when zlib cannot allocate its state.
    init?(level: Int32) {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard deflateInit_(stream, level, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            return nil
        }
        self.stream = stream
        output = .allocate(byteCount: 1 << 16, alignment: 1)
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
        output.deallocate()
    }

    /// Adds `bytes` to the current block.
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = uInt(bytes.count)
        uncompressedCount += bytes.count
        while true {
            deflateIntoOutput(flush: Z_NO_FLUSH)
            if stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 { return }
        }
    }

    /// Ends the current block's zlib stream and returns its compressed bytes, valid until
    /// `startNextBlock()`.
    func finishBlock() -> UnsafeRawBufferPointer {
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        while deflateIntoOutput(flush: Z_FINISH) != Z_STREAM_END {}
        return UnsafeRawBufferPointer(rebasing: output[0..<compressedCount])
    }

    /// Forgets the current block and starts an empty one.
    func startNextBlock() {
        deflateReset(stream)
        compressedCount = 0
        uncompressedCount = 0
    }

    /// Runs `deflate` once into the free end of the output buffer, which first doubles when full.
    @discardableResult
    private func deflateIntoOutput(flush: Int32) -> Int32 {
        if compressedCount == output.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: 2 * output.count, alignment: 1)
            larger.copyMemory(from: UnsafeRawBufferPointer(output))
            output.deallocate()
            output = larger
        }
        stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: UInt8.self) + compressedCount
        stream.pointee.avail_out = uInt(output.count - compressedCount)
        let status = deflate(stream, flush)
        compressedCount = output.count - Int(stream.pointee.avail_out)
        // With a valid stream and room for output, deflate can only make progress or report the end.
        precondition(status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR, "zlib deflate failed with status \(status)")
        return status
    }
}
