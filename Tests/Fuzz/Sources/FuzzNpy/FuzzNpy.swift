import Foundation
import FuzzDriver
import MMOCore

/// Fuzzes the `.npy` reader and the map checks behind `MapFile.load`: any bytes either throw
/// `MapFileError` or give a matrix whose shape matches its values, which the default config's map
/// validation then accepts or rejects with an error; an accepted matrix written back reads the same.
@main
enum FuzzNpy {
    static let config = Config()

    static func main() { FuzzDriver.run(testOneInput) }
}

private func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let matrix = try? NpyFile.decode(Data(FuzzDriver.bytes(data, count)), path: "fuzz input") else { return 0 }
    precondition(matrix.values.count == matrix.rows * matrix.cols, "the matrix's shape does not match its values")
    precondition((try? NpyFile.decode(NpyFile.encode(matrix), path: "re-encoded")) == matrix, "a matrix written back reads differently")
    _ = try? MapFile.map(from: matrix, config: FuzzNpy.config, path: "fuzz input")
    return 0
}
