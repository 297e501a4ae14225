import Foundation
import Testing
import MMONet

/// The safetensors writer's exact output and the reader's checks, one malformed-file class at a time.
@Suite struct SafeTensorsTests {
    /// A file from a header text (padded to 8 bytes unless `pad` is false), the data bytes, and an
    /// optional header length to write instead of the true one.
    static func file(_ header: String, data: [UInt8] = [], pad: Bool = true, length: UInt64? = nil) -> [UInt8] {
        var headerBytes = Array(header.utf8)
        if pad { headerBytes += Array(repeating: UInt8(ascii: " "), count: (8 - headerBytes.count % 8) % 8) }
        let n = length ?? UInt64(headerBytes.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: n >> (8 * $0)) } + headerBytes + data
    }

    /// The error parsing `bytes` gives, without the name, or nil when they parse.
    static func problem(_ bytes: [UInt8]) -> String? {
        do {
            _ = try SafeTensorsFile.parse(bytes: bytes, name: "x.safetensors")
            return nil
        } catch {
            #expect(error.path == "x.safetensors")
            return error.message
        }
    }

    static let floats: [UInt8] = [0, 0, 128, 63, 0, 0, 0, 64] // 1.0, 2.0

    @Test func writerOutputMatchesTheReferenceLayout() throws {
        let bytes = try SafeTensorsWriter.encode([CheckpointTensor(name: "b", shape: [2], values: [1, 2]),
                                                  CheckpointTensor(name: "a", shape: [], values: [-0.5])],
                                                 metadata: [("z", "1"), ("k", "\"quoted\"\n")], name: "out")
        let header = #"{"__metadata__": {"k": "\"quoted\"\n", "z": "1"}, "a": {"dtype": "F32", "shape": [], "data_offsets": [0, 4]}, "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}"#
        #expect(bytes == Self.file(header, data: [0, 0, 0, 191] + Self.floats))
        #expect((bytes.count - 12) % 8 == 0, "the data starts 8-byte aligned")
        let file = try SafeTensorsFile.parse(bytes: bytes, name: "out")
        #expect(file.metadata == ["k": "\"quoted\"\n", "z": "1"])
        #expect(file.entries.map(\.name) == ["a", "b"])
        #expect(try file.floatTensors() == [CheckpointTensor(name: "a", shape: [], values: [-0.5]), CheckpointTensor(name: "b", shape: [2], values: [1, 2])])
    }

    @Test func writerOrderDoesNotDependOnArgumentOrder() throws {
        let tensors = (0..<5).map { CheckpointTensor(name: "t\($0)", shape: [$0], values: Array(repeating: Float($0), count: $0)) }
        let metadata = (0..<5).map { ("key\($0)", "value\($0)") }
        let forward = try SafeTensorsWriter.encode(tensors, metadata: metadata, name: "out")
        let backward = try SafeTensorsWriter.encode(tensors.reversed(), metadata: metadata.reversed(), name: "out")
        #expect(forward == backward)
    }

    @Test func emptyFileAndEmptyTensorsRoundTrip() throws {
        #expect(try SafeTensorsWriter.encode([], metadata: [], name: "out") == Self.file("{}"))
        let tensors = [CheckpointTensor(name: "none", shape: [0, 3], values: []), CheckpointTensor(name: "one", shape: [1, 1], values: [3])]
        let file = try SafeTensorsFile.parse(bytes: SafeTensorsWriter.encode(tensors, metadata: [], name: "out"), name: "out")
        #expect(try file.floatTensors() == tensors)
    }

    @Test func specialValuesKeepTheirBits() throws {
        let values: [Float] = [.nan, -.infinity, .infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        let bytes = try SafeTensorsWriter.encode([CheckpointTensor(name: "x", shape: [6], values: values)], metadata: [], name: "out")
        let read = try SafeTensorsFile.parse(bytes: bytes, name: "out").floatTensors()[0].values
        #expect(read.map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test func writerRefusesInconsistentTensors() {
        func problem(_ tensors: [CheckpointTensor], _ metadata: [(String, String)] = []) -> String? {
            do {
                _ = try SafeTensorsWriter.encode(tensors, metadata: metadata, name: "out")
                return nil
            } catch {
                return error.description
            }
        }
        #expect(problem([CheckpointTensor(name: "w", shape: [2, 2], values: [1, 2, 3])]) == "out: cannot be written: tensor 'w' has 3 values for shape [2, 2]")
        #expect(problem([CheckpointTensor(name: "w", shape: [-1], values: [])]) == "out: cannot be written: tensor 'w' has 0 values for shape [-1]")
        #expect(problem([CheckpointTensor(name: "w", shape: [], values: [1]), CheckpointTensor(name: "w", shape: [], values: [2])])
                == "out: cannot be written: tensor 'w' is given twice")
        #expect(problem([CheckpointTensor(name: "__metadata__", shape: [], values: [1])]) == "out: cannot be written: a tensor may not be named __metadata__")
        #expect(problem([], [("k", "1"), ("k", "2")]) == "out: cannot be written: metadata key 'k' is given twice")
    }

    @Test func readsOtherDTypesButOnlyF32AsFloats() throws {
        let header = #"{"step": {"dtype": "I64", "shape": [1], "data_offsets": [0, 8]}, "w": {"dtype": "F32", "shape": [2], "data_offsets": [8, 16]}}"#
        let file = try SafeTensorsFile.parse(bytes: Self.file(header, data: [7, 0, 0, 0, 0, 0, 0, 0] + Self.floats), name: "x.safetensors")
        #expect(file.entries.map(\.dtype) == [.i64, .f32])
        #expect(throws: CheckpointError(path: "x.safetensors", message: "tensor 'step' has dtype I64; only F32 tensors can be read")) {
            try file.floatTensors()
        }
    }

    @Test func truncatedFiles() {
        #expect(Self.problem([]) == "is 0 bytes, too short for a safetensors file (an 8-byte header length, then the header)")
        #expect(Self.problem([8, 0, 0]) == "is 3 bytes, too short for a safetensors file (an 8-byte header length, then the header)")
        let whole = Self.file(#"{"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}"#, data: Self.floats)
        #expect(Self.problem(Array(whole.dropLast(3))) == "tensor 'w' data_offsets [0, 8] run past the end of the data, which has 5 bytes")
        #expect(Self.problem(Array(whole.prefix(20))) == "the safetensors header length 64 runs past the end of the file: 12 bytes follow the length")
    }

    @Test func badHeaderLengths() {
        #expect(Self.problem(Self.file("{}", length: UInt64.max)) == "the safetensors header length 18446744073709551615 is more than the 100000000 bytes a header may have")
        #expect(Self.problem(Self.file("{}", length: 100_000_001)) == "the safetensors header length 100000001 is more than the 100000000 bytes a header may have")
        #expect(Self.problem(Self.file("{}", length: 9)) == "the safetensors header length 9 runs past the end of the file: 8 bytes follow the length")
        #expect(Self.problem(Self.file("{}", length: 0)) == "the safetensors header is empty")
        #expect(Self.problem(Self.file("{}", length: 1)) == "the safetensors header is not valid JSON: line 1, column 2: expected a key in double quotes, found end of input")
        // A length that cuts the header short leaves the rest as data the header does not describe.
        #expect(Self.problem(Self.file("{}", length: 2)) == "the data has 6 bytes, but the header lists no tensor")
    }

    @Test func badJSON() {
        #expect(Self.problem(Self.file(" {}")) == "the safetensors header does not start with '{'")
        #expect(Self.problem(Self.file("[]")) == "the safetensors header does not start with '{'")
        #expect(Self.problem(Self.file(#"{"a": 1,}"#)) == "the safetensors header is not valid JSON: line 1, column 8: a trailing comma before '}'")
        #expect(Self.problem(Self.file(#"{"__metadata__": {}, "__metadata__": {}}"#))
                == "the safetensors header is not valid JSON: line 1, column 22 (in '__metadata__'): a key given twice in one object")
        #expect(Self.problem(Self.file("{}", pad: false) + [0, 0, 0, 0, 0, 0]) == "the data has 6 bytes, but the header lists no tensor")
        #expect(Self.problem(Self.file("{}\0", pad: false)) == "the safetensors header is not valid JSON: line 1, column 3: unexpected byte 0x0 after the document")
        #expect(Self.problem(Self.file("{\"\u{FF}\": 1}", pad: true).enumerated().map { $0.offset == 10 ? 0xFF : $0.element })
                == "the safetensors header is not valid JSON: line 1, column 2: a string that is not valid UTF-8")
    }

    @Test func badEntries() {
        func problem(_ entry: String) -> String? { SafeTensorsTests.problem(SafeTensorsTests.file("{\"w\": \(entry)}", data: SafeTensorsTests.floats)) }
        #expect(problem("[]") == "tensor 'w' must be an object of dtype, shape and data_offsets, found an array")
        #expect(problem(#"{"shape": [2], "data_offsets": [0, 8]}"#) == "tensor 'w' has no dtype")
        #expect(problem(#"{"dtype": 1, "shape": [2], "data_offsets": [0, 8]}"#) == "tensor 'w' dtype must be a string, found a number")
        #expect(problem(#"{"dtype": "F32", "data_offsets": [0, 8]}"#) == "tensor 'w' has no shape")
        #expect(problem(#"{"dtype": "F32", "shape": [2]}"#) == "tensor 'w' has no data_offsets")
        #expect(problem(#"{"dtype": "F32", "shape": [2], "data_offsets": [0, 8], "strides": [1]}"#)
                == "tensor 'w' has an unknown field 'strides' (expected dtype, shape and data_offsets)")
        #expect(problem(#"{"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}"#) == "tensor 'w' shape must be an array of non-negative integers, found [-2]")
        #expect(problem(#"{"dtype": "F32", "shape": [2.0], "data_offsets": [0, 8]}"#) == "tensor 'w' shape must be an array of non-negative integers, found [2.0]")
        #expect(problem(#"{"dtype": "F32", "shape": [2], "data_offsets": [0]}"#) == "tensor 'w' data_offsets must be two non-negative integers [begin, end], found [0]")
        #expect(problem(#"{"dtype": "F32", "shape": [2], "data_offsets": [8, 0]}"#) == "tensor 'w' data_offsets [8, 0] end before they begin")
        #expect(problem(#"{"dtype": "F32", "shape": [2], "data_offsets": [0, 16]}"#) == "tensor 'w' data_offsets [0, 16] run past the end of the data, which has 8 bytes")
    }

    @Test func wrongDType() {
        let bytes = Self.file(#"{"w": {"dtype": "Q4_K", "shape": [2], "data_offsets": [0, 8]}}"#, data: Self.floats)
        #expect(Self.problem(bytes) == "tensor 'w' has dtype 'Q4_K', which is not one of BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64")
        let lowercase = Self.file(#"{"w": {"dtype": "f32", "shape": [2], "data_offsets": [0, 8]}}"#, data: Self.floats)
        #expect(Self.problem(lowercase)?.hasPrefix("tensor 'w' has dtype 'f32', which is not one of") == true)
    }

    @Test func sizeMismatch() {
        #expect(Self.problem(Self.file(#"{"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}"#, data: Self.floats))
                == "tensor 'w' shape [3] of F32 needs 12 bytes, but data_offsets [0, 8] span 8")
        #expect(Self.problem(Self.file(#"{"w": {"dtype": "F64", "shape": [2], "data_offsets": [0, 8]}}"#, data: Self.floats))
                == "tensor 'w' shape [2] of F64 needs 16 bytes, but data_offsets [0, 8] span 8")
        #expect(Self.problem(Self.file(#"{"w": {"dtype": "F32", "shape": [4294967296, 4294967296], "data_offsets": [0, 8]}}"#, data: Self.floats))
                == "tensor 'w' shape [4294967296, 4294967296] has too many elements")
        #expect(Self.problem(Self.file(#"{"w": {"dtype": "F32", "shape": [4611686018427387904], "data_offsets": [0, 8]}}"#, data: Self.floats))
                == "tensor 'w' shape [4611686018427387904] of F32 needs too many bytes, but data_offsets [0, 8] span 8")
    }

    @Test func overlappingGappedAndUncoveredOffsets() {
        let overlap = #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}"#
        #expect(Self.problem(Self.file(overlap, data: Self.floats)) == "tensors 'a' (data_offsets [0, 8]) and 'b' (data_offsets [4, 8]) overlap")
        let alias = #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}"#
        #expect(Self.problem(Self.file(alias, data: Self.floats)) == "tensors 'a' (data_offsets [0, 8]) and 'b' (data_offsets [0, 8]) overlap")
        let gap = #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "b": {"dtype": "U8", "shape": [2], "data_offsets": [6, 8]}}"#
        #expect(Self.problem(Self.file(gap, data: Self.floats)) == "bytes 4..<6 of the data after tensor 'a' belong to no tensor (data_offsets must be contiguous)")
        let late = #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}"#
        #expect(Self.problem(Self.file(late, data: Self.floats)) == "bytes 0..<4 of the data belong to no tensor (data_offsets must be contiguous)")
        let short = #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}"#
        #expect(Self.problem(Self.file(short, data: Self.floats)) == "the data has 4 bytes after the last tensor 'a' that belong to no tensor")
        // Header order does not matter, and empty tensors take no bytes.
        let unordered = #"{"b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}, "e": {"dtype": "F32", "shape": [0], "data_offsets": [4, 4]}, "a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}"#
        #expect(Self.problem(Self.file(unordered, data: Self.floats)) == nil)
    }

    @Test func badMetadata() {
        #expect(Self.problem(Self.file(#"{"__metadata__": []}"#)) == "__metadata__ must be an object of strings, found an array")
        #expect(Self.problem(Self.file(#"{"__metadata__": {"step": 3}}"#)) == "__metadata__ entry 'step' must be a string, found a number")
        #expect(Self.problem(Self.file(#"{"__metadata__": {"a": "1", "b": null}}"#)) == "__metadata__ entry 'b' must be a string, found null")
    }

    @Test func longNamesAreShortenedInMessages() {
        let name = String(repeating: "n", count: 500)
        let message = Self.problem(Self.file("{\"\(name)\": {\"dtype\": \"X\", \"shape\": [], \"data_offsets\": [0, 0]}}")) ?? ""
        #expect(message.count < 200)
        #expect(message.hasPrefix("tensor '\(String(repeating: "n", count: 40))…' has dtype 'X'"))
    }
}
