import Foundation
import Testing
import MMONet

/// Files written by the `safetensors` package itself (`Tests/Python/write_reference_files.py`),
/// which orders tensors by dtype alignment and writes compact JSON: the reader accepts them as they
/// are and reads their F32 tensors exactly.
@Suite struct ReferenceFileTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func readsNumPyFloat32File() throws {
        let file = try SafeTensorsFile.read(path: Self.fixtures.appendingPathComponent("numpy-f32.safetensors").path)
        #expect(file.metadata == ["source": "numpy", "note": "λ"])
        let tensors = try file.floatTensors()
        #expect(tensors.map(\.name) == ["empty", "scalar", "weight"])
        #expect(tensors == [CheckpointTensor(name: "empty", shape: [0, 2], values: []),
                            CheckpointTensor(name: "scalar", shape: [], values: [3.25]),
                            CheckpointTensor(name: "weight", shape: [2, 3], values: [0, 0.5, 1, 1.5, 2, 2.5])])
        // Written back by this writer, the same tensors and metadata read the same.
        let rewritten = try SafeTensorsFile.parse(bytes: SafeTensorsWriter.encode(tensors, metadata: [("source", "numpy"), ("note", "λ")], name: "rewritten"), name: "rewritten")
        #expect(try rewritten.floatTensors() == tensors)
        #expect(rewritten.metadata == file.metadata)
    }

    @Test func readsNumPyMixedFileAndRefusesItsOtherDTypesAsFloats() throws {
        let path = Self.fixtures.appendingPathComponent("numpy-mixed.safetensors").path
        let file = try SafeTensorsFile.read(path: path)
        #expect(file.metadata.isEmpty)
        #expect(file.entries.map(\.name) == ["step", "empty", "scalar", "weight", "half", "flags"])
        #expect(file.entries.map(\.dtype) == [.i64, .f32, .f32, .f32, .f16, .bool])
        #expect(file.entries.map(\.dataOffsets) == [0..<8, 8..<8, 8..<12, 12..<36, 36..<40, 40..<43])
        #expect(throws: CheckpointError(path: path, message: "tensor 'step' has dtype I64; only F32 tensors can be read")) {
            try file.floatTensors()
        }
        #expect(throws: CheckpointError(path: path, message: "is not a GridMMO checkpoint: its metadata has no gridmmo.format_version")) {
            try Checkpoint(file)
        }
    }
}
