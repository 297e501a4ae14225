import Foundation
import Testing
@testable import MMOCore

/// Writers replace only regular files, through a temporary file of their own beside the target:
/// a FIFO, a directory or a device (even behind a symbolic link) is refused before anything is
/// written, and two writers of one path never share a temporary file.
struct AtomicOutputTests {
    /// The `S_IFMT` bits of what `path` names.
    private static func fileType(_ path: String) -> mode_t {
        var status = stat()
        return stat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    private func world() -> World {
        World(config: .small, map: HandMadeMap.make(config: .small), seed: 3)
    }

    @Test func replaysReplaceOnlyRegularFiles() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        let fifo = directory.file("fifo.replay"), folder = directory.file("folder.replay"), null = directory.file("null.replay")
        try #require(mkfifo(fifo, 0o600) == 0)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: null, withDestinationPath: "/dev/null")
        for (path, problem) in [(fifo, "is a FIFO, not a regular file"), (folder, "is a directory, not a file"), (null, "is a character device, not a regular file")] {
            let error = #expect(throws: ReplayError.self) { _ = try ReplayWriter(path: path, world: world()) }
            #expect(error?.description == "\(path): \(problem)")
        }
        #expect(try directory.contents() == ["fifo.replay", "folder.replay", "null.replay"])
        #expect(Self.fileType(fifo) == S_IFIFO)
        #expect(Self.fileType("/dev/null") == S_IFCHR)
    }

    @Test func twoWritersOfOnePathUseTwoTemporaryFiles() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        let path = directory.file("episode.replay")
        let first = try ReplayWriter(path: path, world: world())
        let second = try ReplayWriter(path: path, world: World(config: .small, map: HandMadeMap.make(config: .small), seed: 4))
        #expect(first.temporaryPath != second.temporaryPath)
        for writer in [first, second] {
            #expect((writer.temporaryPath as NSString).deletingLastPathComponent == directory.path)
            #expect(((writer.temporaryPath as NSString).lastPathComponent).wholeMatch(of: #/\.episode\.replay\.[0-9]+\.[0-9a-z]+\.tmp/#) != nil, "\(writer.temporaryPath)")
        }
        _ = try first.finish()
        let summary = try second.finish()
        #expect(try directory.contents() == ["episode.replay"])
        #expect(try Replay.load(path: path).seed == 4)
        #expect(summary.path == path)
    }

    @Test func mapWritersLeaveOtherFilesAlone() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        let map = HandMadeMap.make(config: .small)
        let path = directory.file("map.npy")
        // The old fixed temporary name: a directory there must not stop the writer.
        try FileManager.default.createDirectory(atPath: path + ".tmp", withIntermediateDirectories: false)
        try MapFile.save(map, path: path)
        #expect(try MapFile.load(path: path, config: .small) == map)
        #expect(try directory.contents() == ["map.npy", "map.npy.tmp"])
    }

    @Test func aMapSetIsRefusedBeforeAnyMapIsWritten() throws {
        let directory = try MapTestDirectory()
        defer { directory.remove() }
        let fifo = directory.file(MapSet.fileName(index: 1))
        try #require(mkfifo(fifo, 0o600) == 0)
        #expect(throws: MapFileError(path: fifo, message: "is a FIFO, not a regular file")) {
            try MapSet.generate(config: .small, count: 2, firstSeed: 1, directory: directory.path)
        }
        #expect(try directory.contents() == [MapSet.fileName(index: 1)])
    }
}
