import Foundation
import Testing

/// A fresh, uniquely named directory under the system temporary directory for one test.
struct MapTestDirectory {
    /// Absolute path of the directory.
    let path: String

    /// Creates the directory.
    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("gridmmo-maptest-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Names of the directory's entries, sorted.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    /// Deletes the directory and everything in it; a directory left behind is a test failure.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
        #expect(!FileManager.default.fileExists(atPath: path), "temporary directory \(path) was not removed")
    }
}
