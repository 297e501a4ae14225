import MMOCore

/// A safetensors file, read and checked: the format PyTorch, NumPy and JAX load with the
/// `safetensors` package.
///
/// The file is an 8-byte little-endian header length N, N bytes of JSON header (see
/// `SafeTensorsHeader` for everything checked), then the data buffer, which the tensors tile
/// exactly. Reading refuses anything but a regular file of at most `largestFile` bytes and a
/// header longer than `largestHeader` bytes; every error names the file and the problem.
public struct SafeTensorsFile: Sendable {
    /// The largest file read, 2 GiB: far above any GridMMO policy with its optimiser state.
    public static let largestFile = 2 << 30
    /// The largest header accepted, the reference implementation's limit (100 MB).
    public static let largestHeader = 100_000_000

    /// The file the tensors were read from (the name given to `parse`).
    public let path: String
    /// The tensors in data order.
    public let entries: [SafeTensorsEntry]
    /// The `__metadata__` strings (empty when the header has none).
    public let metadata: [String: String]
    /// The data buffer: the bytes after the header.
    private let data: ArraySlice<UInt8>

    /// Reads and checks the safetensors file at `path`.
    public static func read(path: String) throws(CheckpointError) -> SafeTensorsFile {
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.contents(of: path, limit: largestFile, kind: "safetensors file")
        } catch {
            throw CheckpointError(error)
        }
        return try parse(bytes: bytes, name: path)
    }

    /// Parses and checks the bytes of a safetensors file; `name` stands for the file in errors.
    public static func parse(bytes: [UInt8], name: String) throws(CheckpointError) -> SafeTensorsFile {
        func failure(_ message: String) -> CheckpointError { CheckpointError(path: name, message: message) }
        guard bytes.count >= 8 else {
            throw failure("is \(bytes.count) bytes, too short for a safetensors file (an 8-byte header length, then the header)")
        }
        let length = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length <= UInt64(largestHeader) else {
            throw failure("the safetensors header length \(length) is more than the \(largestHeader) bytes a header may have")
        }
        let headerEnd = 8 + Int(length)
        guard headerEnd <= bytes.count else {
            throw failure("the safetensors header length \(length) runs past the end of the file: \(bytes.count - 8) bytes follow the length")
        }
        let header = try SafeTensorsHeader.parse(bytes[8..<headerEnd], dataSize: bytes.count - headerEnd, path: name)
        return SafeTensorsFile(path: name, entries: header.entries, metadata: header.metadata, data: bytes[headerEnd...])
    }

    /// Every tensor's values, in data order; throws unless every tensor is `F32`.
    public func floatTensors() throws(CheckpointError) -> [CheckpointTensor] {
        var tensors: [CheckpointTensor] = []
        for entry in entries {
            guard entry.dtype == .f32 else {
                throw CheckpointError(path: path, message: "tensor '\(entry.name.excerpt())' has dtype \(entry.dtype.rawValue); only F32 tensors can be read")
            }
            let start = data.startIndex + entry.dataOffsets.lowerBound
            let values = data[start..<start + entry.dataOffsets.count].withUnsafeBytes { raw in
                (0..<entry.dataOffsets.count / 4).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
            }
            tensors.append(CheckpointTensor(name: entry.name, shape: entry.shape, values: values))
        }
        return tensors
    }
}
