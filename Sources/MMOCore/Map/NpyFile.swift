import Foundation

/// Reads and writes NumPy `.npy` files holding 2-D `uint8` arrays, the on-disk form of maps.
///
/// Writing produces format version 1.0 with the header NumPy itself would accept, padded so the
/// data starts at a multiple of 64 bytes, and replaces the file atomically. Reading accepts
/// versions 1.0, 2.0 and 3.0, dtype `|u1` (also spelled `<u1` or `u1`), both C and Fortran order,
/// and checks that the data is exactly `rows * cols` bytes.
public enum NpyFile {
    /// A 2-D array of bytes, row-major.
    public struct Matrix: Sendable, Equatable {
        /// Number of rows (the first axis).
        public let rows: Int
        /// Number of columns (the second axis).
        public let cols: Int
        /// `rows * cols` values, `values[row * cols + col]`.
        public let values: [UInt8]

        /// Wraps row-major values; the caller guarantees `values.count == rows * cols`.
        public init(rows: Int, cols: Int, values: [UInt8]) {
            precondition(rows >= 0 && cols >= 0 && values.count == rows * cols, "Matrix needs rows * cols values")
            self.rows = rows
            self.cols = cols
            self.values = values
        }
    }

    /// The six bytes every `.npy` file starts with: `\x93NUMPY`.
    public static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
    /// Data starts at a multiple of this many bytes.
    static let alignment = 64
    /// The dtype spellings accepted for unsigned bytes.
    static let byteDescriptions = ["|u1", "<u1", "u1"]

    /// The largest `.npy` file a reader accepts, 16 MiB: a 4096 x 4096 map and its header, 16 times
    /// the largest map a config allows.
    public static let largestFile = 16 << 20

    /// Reads the matrix in the `.npy` file at `path`.
    public static func read(path: String) throws(MapFileError) -> Matrix {
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.contents(of: path, limit: largestFile, kind: ".npy file")
        } catch {
            throw MapFileError(error)
        }
        return try decode(Data(bytes), path: path)
    }

    /// Writes `matrix` to `path` as a version 1.0 `.npy` file, atomically.
    public static func write(_ matrix: Matrix, path: String) throws(MapFileError) {
        do {
            try AtomicFile.replace(path, with: encode(matrix))
        } catch {
            throw MapFileError(error)
        }
    }

    /// The bytes of a version 1.0 `.npy` file holding `matrix`.
    public static func encode(_ matrix: Matrix) -> Data {
        let header = NpyHeader(descr: "|u1", fortranOrder: false, shape: [matrix.rows, matrix.cols]).text
        let preambleLength = magic.count + 2 + 2
        let unpadded = preambleLength + header.utf8.count + 1
        let padding = (alignment - unpadded % alignment) % alignment
        let headerBytes = Array(header.utf8) + [UInt8](repeating: UInt8(ascii: " "), count: padding) + [UInt8(ascii: "\n")]
        var data = Data(magic)
        data.append(contentsOf: [1, 0])
        data.append(contentsOf: [UInt8(headerBytes.count & 0xFF), UInt8(headerBytes.count >> 8)])
        data.append(contentsOf: headerBytes)
        data.append(contentsOf: matrix.values)
        return data
    }

    /// Parses `.npy` bytes; `path` names the source in errors.
    public static func decode(_ data: Data, path: String) throws(MapFileError) -> Matrix {
        func failure(_ message: String) -> MapFileError { MapFileError(path: path, message: message) }
        let bytes = [UInt8](data)
        guard bytes.count >= magic.count + 2, Array(bytes[0..<magic.count]) == magic else {
            throw failure("not a .npy file: it does not start with the magic bytes \\x93NUMPY")
        }
        let major = bytes[6]
        let minor = bytes[7]
        let lengthFieldSize: Int
        switch (major, minor) {
        case (1, 0): lengthFieldSize = 2
        case (2, 0), (3, 0): lengthFieldSize = 4
        default: throw failure(".npy format version \(major).\(minor) is not supported (expected 1.0, 2.0 or 3.0)")
        }
        let headerStart = magic.count + 2 + lengthFieldSize
        guard bytes.count >= headerStart else {
            throw failure("file ends inside the .npy preamble (\(bytes.count) bytes)")
        }
        let headerLength = (0..<lengthFieldSize).reduce(0) { $0 | Int(bytes[magic.count + 2 + $1]) << (8 * $1) }
        let dataStart = headerStart + headerLength
        guard dataStart <= bytes.count else {
            throw failure("header length \(headerLength) runs past the end of the file (\(bytes.count) bytes)")
        }
        let header: NpyHeader
        do {
            header = try NpyHeader.parse(Array(bytes[headerStart..<dataStart]))
        } catch {
            throw failure("malformed .npy header: \(error.message)")
        }
        guard byteDescriptions.contains(header.descr) else {
            throw failure("dtype '\(header.descr)' is not supported, expected uint8 ('|u1')")
        }
        let shape = NpyHeader.shapeText(header.shape)
        guard header.shape.count == 2 else {
            throw failure("shape \(shape) is not 2-D, expected (rows, cols)")
        }
        let rows = header.shape[0]
        let cols = header.shape[1]
        let (expected, overflow) = rows.multipliedReportingOverflow(by: cols)
        guard !overflow else { throw failure("shape \(shape) is too large") }
        let found = bytes.count - dataStart
        guard found >= expected else {
            throw failure("data is truncated: shape \(shape) needs \(expected) bytes, found \(found)")
        }
        guard found == expected else {
            throw failure("\(found - expected) unexpected bytes after the \(expected) bytes of shape \(shape)")
        }
        let stored = Array(bytes[dataStart...])
        guard header.fortranOrder else { return Matrix(rows: rows, cols: cols, values: stored) }
        var rowMajor = [UInt8](repeating: 0, count: expected)
        for col in 0..<cols {
            for row in 0..<rows {
                rowMajor[row * cols + col] = stored[col * rows + row]
            }
        }
        return Matrix(rows: rows, cols: cols, values: rowMajor)
    }
}
