import Foundation
import MMOCore

/// The JSON header of a safetensors file: the tensors' entries and the optional `__metadata__`
/// strings, parsed and checked against the size of the data buffer that follows it, or rendered
/// for the writer.
///
/// Reading is strict: the header starts with `{` and is RFC 8259 JSON without duplicate keys
/// (`JSONValue.parse`); each tensor is an object of exactly `dtype` (a known name), `shape`
/// (non-negative integers) and `data_offsets` (two integers, begin <= end); its bytes (the shape's
/// product times the dtype's size, checked for overflow) fill its offsets exactly; and the
/// tensors, in offset order, tile the data buffer from its first byte to its last with no gap and
/// no overlap. `__metadata__`, if present, is an object of strings.
struct SafeTensorsHeader {
    /// The name of the metadata member.
    static let metadataKey = "__metadata__"
    /// The header's length is padded with spaces to a multiple of this, so the data is aligned.
    static let alignment = 8

    /// The tensors in data order.
    let entries: [SafeTensorsEntry]
    /// The `__metadata__` strings.
    let metadata: [String: String]

    /// Parses the header `bytes` of a file whose data buffer holds `dataSize` bytes; `path` names
    /// the file in errors.
    static func parse(_ bytes: ArraySlice<UInt8>, dataSize: Int, path: String) throws(CheckpointError) -> SafeTensorsHeader {
        func failure(_ message: String) -> CheckpointError { CheckpointError(path: path, message: message) }
        guard bytes.first == UInt8(ascii: "{") else {
            throw failure(bytes.isEmpty ? "the safetensors header is empty" : "the safetensors header does not start with '{'")
        }
        let root: JSONValue
        do {
            root = try JSONValue.parse(Data(bytes))
        } catch {
            throw failure("the safetensors header is not valid JSON: \(error)")
        }
        guard case .object(let members) = root else { throw failure("the safetensors header is not a JSON object") }
        var entries: [SafeTensorsEntry] = []
        var metadata: [String: String] = [:]
        for (key, value) in members {
            if key == metadataKey {
                metadata = try strings(value, path: path)
            } else {
                entries.append(try entry(key, value, dataSize: dataSize, path: path))
            }
        }
        entries.sort { a, b in
            (a.dataOffsets.lowerBound, a.dataOffsets.upperBound) != (b.dataOffsets.lowerBound, b.dataOffsets.upperBound)
                ? (a.dataOffsets.lowerBound, a.dataOffsets.upperBound) < (b.dataOffsets.lowerBound, b.dataOffsets.upperBound)
                : a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
        }
        try checkTiling(entries, dataSize: dataSize, path: path)
        return SafeTensorsHeader(entries: entries, metadata: metadata)
    }

    /// The `__metadata__` object's strings.
    private static func strings(_ value: JSONValue, path: String) throws(CheckpointError) -> [String: String] {
        guard case .object(let pairs) = value else {
            throw CheckpointError(path: path, message: "\(metadataKey) must be an object of strings, found \(value.typeName)")
        }
        var strings: [String: String] = [:]
        for (key, item) in pairs {
            guard case .string(let text) = item else {
                throw CheckpointError(path: path, message: "\(metadataKey) entry '\(key.excerpt())' must be a string, found \(item.typeName)")
            }
            strings[key] = text
        }
        return strings
    }

    /// One tensor's entry, checked on its own: fields, dtype, shape, and offsets that lie in the
    /// data buffer and span exactly the tensor's bytes.
    private static func entry(_ name: String, _ value: JSONValue, dataSize: Int, path: String) throws(CheckpointError) -> SafeTensorsEntry {
        func failure(_ message: String) -> CheckpointError { CheckpointError(path: path, message: "tensor '\(name.excerpt())' \(message)") }
        guard case .object(let fields) = value else {
            throw failure("must be an object of dtype, shape and data_offsets, found \(value.typeName)")
        }
        if let unknown = fields.first(where: { !["dtype", "shape", "data_offsets"].contains($0.key) }) {
            throw failure("has an unknown field '\(unknown.key.excerpt())' (expected dtype, shape and data_offsets)")
        }
        guard case .string(let dtypeName) = value["dtype"] else {
            throw failure(value["dtype"].map { "dtype must be a string, found \($0.typeName)" } ?? "has no dtype")
        }
        guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
            throw failure("has dtype '\(dtypeName.excerpt())', which is not one of \(SafeTensorsDType.names)")
        }
        guard let shapeValue = value["shape"] else { throw failure("has no shape") }
        guard let shape = naturals(shapeValue) else {
            throw failure("shape must be an array of non-negative integers, found \(shapeValue.text.excerpt())")
        }
        guard let offsetsValue = value["data_offsets"] else { throw failure("has no data_offsets") }
        guard let offsets = naturals(offsetsValue), offsets.count == 2 else {
            throw failure("data_offsets must be two non-negative integers [begin, end], found \(offsetsValue.text.excerpt())")
        }
        guard offsets[0] <= offsets[1] else { throw failure("data_offsets [\(offsets[0]), \(offsets[1])] end before they begin") }
        guard offsets[1] <= dataSize else {
            throw failure("data_offsets [\(offsets[0]), \(offsets[1])] run past the end of the data, which has \(dataSize) bytes")
        }
        let shapeText = CheckpointTensor.shapeText(shape)
        guard let count = CheckpointTensor.elementCount(shape) else { throw failure("shape \(shapeText.excerpt()) has too many elements") }
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: dtype.size)
        guard !overflow, byteCount == offsets[1] - offsets[0] else {
            throw failure("shape \(shapeText.excerpt()) of \(dtype.rawValue) needs \(overflow ? "too many" : String(byteCount)) bytes, but data_offsets [\(offsets[0]), \(offsets[1])] span \(offsets[1] - offsets[0])")
        }
        return SafeTensorsEntry(name: name, dtype: dtype, shape: shape, dataOffsets: offsets[0]..<offsets[1])
    }

    /// The integers of a JSON array when all are non-negative, else nil.
    private static func naturals(_ value: JSONValue) -> [Int]? {
        guard case .array(let items) = value else { return nil }
        var numbers: [Int] = []
        for item in items {
            guard case .int(let number) = item, number >= 0 else { return nil }
            numbers.append(number)
        }
        return numbers
    }

    /// Throws unless `entries` (in offset order) cover the data buffer exactly, each starting where
    /// the one before it ends.
    private static func checkTiling(_ entries: [SafeTensorsEntry], dataSize: Int, path: String) throws(CheckpointError) {
        func failure(_ message: String) -> CheckpointError { CheckpointError(path: path, message: message) }
        var end = 0
        var previous: SafeTensorsEntry?
        for entry in entries {
            let begin = entry.dataOffsets.lowerBound
            if let previous, begin < end {
                throw failure("tensors '\(previous.name.excerpt())' (data_offsets \(previous.offsetsText)) and '\(entry.name.excerpt())' (data_offsets \(entry.offsetsText)) overlap")
            }
            if begin > end {
                let after = previous.map { " after tensor '\($0.name.excerpt())'" } ?? ""
                throw failure("bytes \(end)..<\(begin) of the data\(after) belong to no tensor (data_offsets must be contiguous)")
            }
            end = entry.dataOffsets.upperBound
            previous = entry
        }
        guard end == dataSize else {
            guard let previous else { throw failure("the data has \(dataSize) bytes, but the header lists no tensor") }
            throw failure("the data has \(dataSize - end) bytes after the last tensor '\(previous.name.excerpt())' that belong to no tensor")
        }
    }

    /// The header's bytes for the writer: the JSON object (`__metadata__` first when there is any,
    /// then the entries in order) padded with spaces to a multiple of `alignment` bytes.
    var bytes: [UInt8] {
        var members: [(key: String, value: JSONValue)] = []
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            members.append((Self.metadataKey, .object(pairs.map { ($0.key, .string($0.value)) })))
        }
        for entry in entries {
            members.append((entry.name, .object([
                ("dtype", .string(entry.dtype.rawValue)),
                ("shape", .array(entry.shape.map { .int($0) })),
                ("data_offsets", .array([.int(entry.dataOffsets.lowerBound), .int(entry.dataOffsets.upperBound)])),
            ])))
        }
        var bytes = Array(JSONValue.object(members).text.utf8)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (Self.alignment - bytes.count % Self.alignment) % Self.alignment))
        return bytes
    }
}
