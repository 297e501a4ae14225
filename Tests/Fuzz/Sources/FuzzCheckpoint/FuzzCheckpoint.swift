import FuzzDriver
import MMONet

/// Fuzzes the safetensors reader and the checkpoint checks above it: any bytes either throw
/// `CheckpointError` or give a file whose tensors tile its data in order; one whose tensors are all
/// F32, written back, reads the same, bit for bit; and a checkpoint it holds restores into a
/// `ParameterSet` laid out from its own tensors and matches its own metadata (and compares with
/// other values, JSON or not, without trapping).
@main
enum FuzzCheckpoint {
    static func main() { FuzzDriver.run(testOneInput) }
}

private func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let file = try? SafeTensorsFile.parse(bytes: FuzzDriver.bytes(data, count), name: "fuzz input") else { return 0 }
    var end = 0
    for entry in file.entries {
        precondition(entry.dataOffsets.lowerBound == end, "the tensors do not tile the data in order")
        end = entry.dataOffsets.upperBound
    }
    guard let tensors = try? file.floatTensors() else { return 0 }
    let written = try? SafeTensorsWriter.encode(tensors, metadata: file.metadata.map { ($0.key, $0.value) }, name: "written back")
    guard let written, let again = try? SafeTensorsFile.parse(bytes: written, name: "written back"), let reread = try? again.floatTensors() else {
        preconditionFailure("tensors that were read cannot be written back and read again")
    }
    let sorted = tensors.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    precondition(again.metadata == file.metadata && reread.map(\.name) == sorted.map(\.name) && reread.map(\.shape) == sorted.map(\.shape)
                 && reread.map { $0.values.map(\.bitPattern) } == sorted.map { $0.values.map(\.bitPattern) }, "tensors written back read differently")
    guard let checkpoint = try? Checkpoint(file) else { return 0 }
    let parameters = ParameterSet()
    for tensor in checkpoint.parameters { _ = parameters.add(tensor.name, shape: tensor.shape, initialiser: .zeros) }
    parameters.allocate(seed: 0)
    let adam = checkpoint.adam.map { _ in Adam(parameters: parameters) }
    precondition((try? checkpoint.restore(into: parameters, adam: adam)) != nil, "a checkpoint does not restore into its own layout")
    let values = checkpoint.metadata.values.sorted()
    for (key, value) in checkpoint.metadata {
        precondition((try? checkpoint.requireMatching(key: key, expected: value)) != nil, "metadata does not match itself")
        for other in values.prefix(4) { _ = try? checkpoint.requireMatching(key: key, expected: other) }
    }
    return 0
}
