import Foundation
import Testing
import MMOCore

/// `.npy` files written by NumPy 2.4 (`np.save`) of `np.arange(12, dtype=np.uint8).reshape(3, 4) * 7`,
/// in C order and (via `np.asfortranarray`) in Fortran order.
private enum NumpyFixtures {
    static let cOrder: [UInt8] = [
        0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0x01, 0x00, 0x76, 0x00, 0x7b, 0x27, 0x64, 0x65, 0x73, 0x63,
        0x72, 0x27, 0x3a, 0x20, 0x27, 0x7c, 0x75, 0x31, 0x27, 0x2c, 0x20, 0x27, 0x66, 0x6f, 0x72, 0x74,
        0x72, 0x61, 0x6e, 0x5f, 0x6f, 0x72, 0x64, 0x65, 0x72, 0x27, 0x3a, 0x20, 0x46, 0x61, 0x6c, 0x73,
        0x65, 0x2c, 0x20, 0x27, 0x73, 0x68, 0x61, 0x70, 0x65, 0x27, 0x3a, 0x20, 0x28, 0x33, 0x2c, 0x20,
        0x34, 0x29, 0x2c, 0x20, 0x7d, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x0a,
        0x00, 0x07, 0x0e, 0x15, 0x1c, 0x23, 0x2a, 0x31, 0x38, 0x3f, 0x46, 0x4d,
    ]
    static let fortranOrder: [UInt8] = [
        0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0x01, 0x00, 0x76, 0x00, 0x7b, 0x27, 0x64, 0x65, 0x73, 0x63,
        0x72, 0x27, 0x3a, 0x20, 0x27, 0x7c, 0x75, 0x31, 0x27, 0x2c, 0x20, 0x27, 0x66, 0x6f, 0x72, 0x74,
        0x72, 0x61, 0x6e, 0x5f, 0x6f, 0x72, 0x64, 0x65, 0x72, 0x27, 0x3a, 0x20, 0x54, 0x72, 0x75, 0x65,
        0x2c, 0x20, 0x27, 0x73, 0x68, 0x61, 0x70, 0x65, 0x27, 0x3a, 0x20, 0x28, 0x33, 0x2c, 0x20, 0x34,
        0x29, 0x2c, 0x20, 0x7d, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x0a,
        0x00, 0x1c, 0x38, 0x07, 0x23, 0x3f, 0x0e, 0x2a, 0x46, 0x15, 0x31, 0x4d,
    ]
    /// The array both fixtures hold.
    static let matrix = NpyFile.Matrix(rows: 3, cols: 4, values: (0..<12).map { UInt8($0 * 7) })
}

@Suite struct NpyFileTests {
    private let path = "maps/x.npy"

    /// A file made of the magic, a version, a little-endian header length, the header and data.
    private func handBuilt(version: UInt8 = 1, header: String, data: [UInt8]) -> Data {
        let headerBytes = Array(header.utf8)
        var bytes = NpyFile.magic + [version, 0]
        let lengthBytes = version == 1 ? 2 : 4
        bytes += (0..<lengthBytes).map { UInt8((headerBytes.count >> (8 * $0)) & 0xFF) }
        return Data(bytes + headerBytes + data)
    }

    /// The message of the error `decode` throws for `data`, or nil if it succeeds.
    private func decodeError(_ data: Data) -> String? {
        do {
            _ = try NpyFile.decode(data, path: path)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func writeThenReadGivesTheSameMatrix() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        var rng = Rng(seed: 8)
        let matrix = NpyFile.Matrix(rows: 37, cols: 53, values: (0..<(37 * 53)).map { _ in UInt8(rng.below(256)) })
        let file = directory.file("round.npy")
        try NpyFile.write(matrix, path: file)
        #expect(try NpyFile.read(path: file) == matrix)
        #expect(try directory.contents() == ["round.npy"])
    }

    @Test func writingReplacesAnExistingFile() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        let file = directory.file("replace.npy")
        try NpyFile.write(NpyFile.Matrix(rows: 1, cols: 2, values: [1, 2]), path: file)
        try NpyFile.write(NumpyFixtures.matrix, path: file)
        #expect(try NpyFile.read(path: file) == NumpyFixtures.matrix)
    }

    @Test func encodingMatchesNumpyByteForByte() {
        #expect([UInt8](NpyFile.encode(NumpyFixtures.matrix)) == NumpyFixtures.cOrder)
    }

    @Test func writtenHeaderIsAlignedNumpyHeader() {
        let bytes = [UInt8](NpyFile.encode(NpyFile.Matrix(rows: 160, cols: 160, values: [UInt8](repeating: 2, count: 160 * 160))))
        let header = "{'descr': '|u1', 'fortran_order': False, 'shape': (160, 160), }"
        let expectedStart = [0x93] + Array("NUMPY".utf8) + [1, 0, 118, 0] + Array(header.utf8)
        #expect(Array(bytes.prefix(expectedStart.count)) == expectedStart)
        #expect(bytes[expectedStart.count..<127].allSatisfy { $0 == UInt8(ascii: " ") })
        #expect(bytes[127] == UInt8(ascii: "\n"))
        #expect(bytes.count == 128 + 160 * 160)
    }

    @Test func readsNumpyFiles() throws {
        #expect(try NpyFile.decode(Data(NumpyFixtures.cOrder), path: path) == NumpyFixtures.matrix)
        #expect(try NpyFile.decode(Data(NumpyFixtures.fortranOrder), path: path) == NumpyFixtures.matrix)
    }

    @Test func readsHandBuiltFortranOrderVersion2File() throws {
        // Column-major storage of [[1, 2, 3], [4, 5, 6]].
        let data = handBuilt(version: 2, header: "{\"shape\": (2L, 3L), \"fortran_order\": True, \"descr\": \"<u1\"}\n", data: [1, 4, 2, 5, 3, 6])
        #expect(try NpyFile.decode(data, path: path) == NpyFile.Matrix(rows: 2, cols: 3, values: [1, 2, 3, 4, 5, 6]))
    }

    @Test func rejectsWrongMagic() {
        var bytes = NumpyFixtures.cOrder
        bytes[1] = UInt8(ascii: "X")
        let message = decodeError(Data(bytes))
        #expect(message?.hasPrefix("maps/x.npy: not a .npy file") == true)
    }

    @Test func rejectsTruncatedFile() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        let file = directory.file("short.npy")
        try Data(NumpyFixtures.cOrder.dropLast(3)).write(to: URL(fileURLWithPath: file))
        #expect {
            try NpyFile.read(path: file)
        } throws: { error in
            let message = (error as? MapFileError)?.description ?? ""
            return message.hasPrefix(file) && message.contains("data is truncated") && message.contains("needs 12 bytes, found 9")
        }
    }

    @Test func rejectsFloatDtype() {
        let data = handBuilt(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), }\n", data: Array(repeating: 0, count: 8))
        #expect(decodeError(data) == "maps/x.npy: dtype '<f8' is not supported, expected uint8 ('|u1')")
    }

    @Test func rejectsThreeDimensionalShape() {
        let data = handBuilt(header: "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2, 2), }\n", data: Array(repeating: 0, count: 8))
        #expect(decodeError(data) == "maps/x.npy: shape (2, 2, 2) is not 2-D, expected (rows, cols)")
    }

    @Test(arguments: [
        "not a dict at all",
        "{'descr': '|u1', 'fortran_order': Maybe, 'shape': (1, 1), }",
        "{'descr': '|u1', 'fortran_order': False, 'shape': (1, -1), }",
        "{'descr': '|u1', 'fortran_order': False}",
        "{'descr': '|u1', 'fortran_order': False, 'shape': (1, 1), 'extra': 1}",
        "{'descr': '|u1', 'fortran_order': False, 'shape': (1, 1), } trailing",
        "{'descr: '|u1'",
    ])
    func rejectsHeaderGarbage(header: String) {
        let message = decodeError(handBuilt(header: header, data: [0]))
        #expect(message?.hasPrefix("maps/x.npy: malformed .npy header: ") == true)
    }

    @Test func rejectsUnsupportedVersionAndOverlongHeader() {
        var future = NumpyFixtures.cOrder
        future[6] = 9
        #expect(decodeError(Data(future)) == "maps/x.npy: .npy format version 9.0 is not supported (expected 1.0, 2.0 or 3.0)")
        var overlong = NumpyFixtures.cOrder
        overlong[9] = 0x10
        #expect(decodeError(Data(overlong))?.contains("header length 4214 runs past the end of the file (140 bytes)") == true)
    }

    @Test func rejectsTrailingBytes() {
        let message = decodeError(Data(NumpyFixtures.cOrder + [0, 0]))
        #expect(message == "maps/x.npy: 2 unexpected bytes after the 12 bytes of shape (3, 4)")
    }

    @Test func missingFileIsNamed() {
        #expect(throws: MapFileError(path: "/nonexistent/gridmmo/none.npy", message: "cannot be read: No such file or directory")) {
            try NpyFile.read(path: "/nonexistent/gridmmo/none.npy")
        }
    }
}
