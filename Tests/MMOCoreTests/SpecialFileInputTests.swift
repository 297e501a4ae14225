import Foundation
import Testing
@testable import MMOCore

/// Every reader refuses a directory, a FIFO or a device, and a file larger than it accepts,
/// before reading it, with one line naming the file and the problem.
struct SpecialFileInputTests {
    /// A new temporary directory holding a directory, a FIFO and a `.replay` file extended (as a
    /// sparse file) to `size` bytes.
    private struct Specimens {
        let directory = ReplayFixture.temporaryPath("dir")
        var fifo: String { directory + "/fifo" }
        var folder: String { directory + "/folder" }

        init() throws {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try #require(mkfifo(fifo, 0o600) == 0)
        }

        func remove() {
            ReplayFixture.discard(directory)
        }

        /// `bytes` written to `name`, then extended with zeros to `size` bytes without using disk.
        func sparse(_ name: String, _ bytes: [UInt8], size: Int) throws -> String {
            let path = directory + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            try #require(truncate(path, off_t(size)) == 0)
            return path
        }
    }

    @Test func replaysMustBeRegularFiles() throws {
        let specimens = try Specimens()
        defer { specimens.remove() }
        for (path, problem) in [(specimens.folder, "is a directory, not a file"), (specimens.fifo, "is a FIFO, not a regular file"), ("/dev/zero", "is a character device, not a regular file")] {
            let error = #expect(throws: ReplayError.self) { try Replay.load(path: path) }
            #expect(error?.description == "\(path): \(problem)")
        }
    }

    @Test func configsCurriculaAndMapsMustBeRegularFiles() throws {
        let specimens = try Specimens()
        defer { specimens.remove() }
        for path in [specimens.folder, specimens.fifo] {
            let problem = path == specimens.folder ? "is a directory, not a file" : "is a FIFO, not a regular file"
            #expect(throws: ConfigError(file: path, key: "", message: problem)) { try ConfigFile.load(path: path) }
            #expect(throws: MapFileError(path: path, message: problem)) { try MapFile.load(path: path, config: .small) }
        }
    }

    @Test func aManifestThatIsADirectoryIsNamed() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        _ = try MapSet.generate(config: .small, count: 1, firstSeed: 1, directory: directory.path)
        try FileManager.default.removeItem(atPath: directory.file(MapSet.manifestName))
        try FileManager.default.createDirectory(atPath: directory.file(MapSet.manifestName), withIntermediateDirectories: false)
        #expect(throws: MapFileError(path: directory.file(MapSet.manifestName), message: "is a directory, not a file")) {
            try MapSet.load(directory: directory.path, config: .small)
        }
    }

    @Test func aReplayLargerThanItsHeaderAllowsIsRefusedUnread() throws {
        let specimens = try Specimens()
        defer { specimens.remove() }
        let bytes = try ReplayFixture.shortReplay()
        let header = try ReplayHeader.read(from: bytes, file: "probe")
        let limit = ReplaySizeLimit(header: header.header, headerSize: header.end, config: .small).fileBytes
        #expect(limit > bytes.count && limit < ReplayFormat.largestFile)
        let path = try specimens.sparse("large.replay", bytes, size: limit + 1)
        let error = #expect(throws: ReplayError.self) { try Replay.load(path: path) }
        #expect(error?.description == "\(path): is \(limit + 1) bytes, more than the \(limit) bytes a replay with this header may have")
        let huge = try specimens.sparse("huge.replay", bytes, size: ReplayFormat.largestFile + 1)
        let hugeError = #expect(throws: ReplayError.self) { try Replay.load(path: huge) }
        #expect(hugeError?.description == "\(huge): is \(ReplayFormat.largestFile + 1) bytes, more than the \(ReplayFormat.largestFile) bytes a replay may have")
    }

    @Test func aConfigLargerThanAnyConfigIsRefusedUnread() throws {
        let specimens = try Specimens()
        defer { specimens.remove() }
        let path = try specimens.sparse("large.json", Array("{}".utf8), size: ConfigFile.largestFile + 1)
        #expect(throws: ConfigError(file: path, key: "", message: "is \(ConfigFile.largestFile + 1) bytes, more than the \(ConfigFile.largestFile) bytes a config file may have")) {
            try ConfigFile.load(path: path)
        }
    }
}
