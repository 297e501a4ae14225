import Foundation
import Testing
import MMONet

/// Reading and writing checkpoint files on disk: what the reader refuses before parsing, and that
/// writes replace files whole.
@Suite struct CheckpointFileTests {
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gridmmo-checkpoint-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }

    static func readError(_ path: String) -> String? {
        do {
            _ = try SafeTensorsFile.read(path: path)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func writeThenReadAFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/t.safetensors"
        let tensors = [CheckpointTensor(name: "w", shape: [2, 3], values: [1, 2, 3, 4, 5, 6])]
        try SafeTensorsWriter.write(tensors, metadata: [("k", "v")], to: path)
        try SafeTensorsWriter.write(tensors, metadata: [("k", "replaced")], to: path)
        let file = try SafeTensorsFile.read(path: path)
        #expect(try file.floatTensors() == tensors)
        #expect(file.metadata == ["k": "replaced"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["t.safetensors"], "no temporary file is left")
    }

    @Test func missingFileDirectoryAndSpecialFilesAreRefused() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(Self.readError(directory + "/missing.safetensors") == "\(directory)/missing.safetensors: cannot be read: No such file or directory")
        #expect(Self.readError(directory) == "\(directory): is a directory, not a file")
        #expect(Self.readError("/dev/null") == "/dev/null: is a character device, not a regular file")
        let fifo = directory + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(Self.readError(fifo) == "\(fifo): is a FIFO, not a regular file")
        #expect(throws: CheckpointError(path: directory, message: "is a directory, not a file")) {
            try SafeTensorsWriter.write([], metadata: [], to: directory)
        }
    }

    @Test func filesLargerThanTheLimitAreRefusedUnread() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/huge.safetensors"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, off_t(SafeTensorsFile.largestFile + 1)) == 0, "a sparse file takes no space")
        #expect(Self.readError(path) == "\(path): is 2147483649 bytes, more than the 2147483648 bytes a safetensors file may have")
    }
}
