import MMOCore

/// Writes float32 tensors and metadata strings as a safetensors file that the `safetensors`
/// package (PyTorch, NumPy) loads.
///
/// The output is deterministic whatever the order of the arguments: tensors sorted by name (by
/// UTF-8 bytes, as the reference implementation sorts tensors of one dtype), laid out in that order
/// from data offset 0, `__metadata__` first in the header with its keys sorted, the header padded
/// with spaces to a multiple of 8 bytes so every tensor's data is aligned. Files are replaced
/// atomically (`AtomicFile`).
public enum SafeTensorsWriter {
    /// Writes `tensors` and `metadata` to `path` atomically.
    public static func write(_ tensors: [CheckpointTensor], metadata: [(String, String)], to path: String) throws(CheckpointError) {
        let bytes = try encode(tensors, metadata: metadata, name: path)
        do {
            try AtomicFile.replace(path, with: bytes)
        } catch {
            throw CheckpointError(error)
        }
    }

    /// The bytes of a safetensors file holding `tensors` and `metadata`; `name` names the file in
    /// errors. Throws for a tensor whose values do not fill its shape, a name given twice, a tensor
    /// named `__metadata__`, or a metadata key given twice.
    public static func encode(_ tensors: [CheckpointTensor], metadata: [(String, String)], name: String) throws(CheckpointError) -> [UInt8] {
        func failure(_ message: String) -> CheckpointError { CheckpointError(path: name, message: message) }
        var strings: [String: String] = [:]
        for (key, value) in metadata {
            guard strings.updateValue(value, forKey: key) == nil else { throw failure("cannot be written: metadata key '\(key.excerpt())' is given twice") }
        }
        let sorted = tensors.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        var entries: [SafeTensorsEntry] = []
        var offset = 0
        for (index, tensor) in sorted.enumerated() {
            guard tensor.name != SafeTensorsHeader.metadataKey else { throw failure("cannot be written: a tensor may not be named \(SafeTensorsHeader.metadataKey)") }
            guard index == 0 || sorted[index - 1].name != tensor.name else { throw failure("cannot be written: tensor '\(tensor.name.excerpt())' is given twice") }
            guard CheckpointTensor.elementCount(tensor.shape) == tensor.values.count else {
                throw failure("cannot be written: tensor '\(tensor.name.excerpt())' has \(tensor.values.count) values for shape \(CheckpointTensor.shapeText(tensor.shape))")
            }
            let byteCount = tensor.values.count * SafeTensorsDType.f32.size
            entries.append(SafeTensorsEntry(name: tensor.name, dtype: .f32, shape: tensor.shape, dataOffsets: offset..<offset + byteCount))
            offset += byteCount
        }
        let header = SafeTensorsHeader(entries: entries, metadata: strings).bytes
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        bytes.append(contentsOf: (0..<8).map { UInt8(truncatingIfNeeded: UInt64(header.count) >> (8 * $0)) })
        bytes.append(contentsOf: header)
        let dataStart = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: offset))
        bytes.withUnsafeMutableBytes { raw in
            var position = dataStart
            for tensor in sorted {
                for value in tensor.values {
                    raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: position, as: UInt32.self)
                    position += 4
                }
            }
        }
        return bytes
    }
}
