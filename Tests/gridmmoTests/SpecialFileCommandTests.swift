import Foundation
import Testing
@testable import gridmmo

/// Commands refuse inputs that are not regular files and outputs that exist but are not regular
/// files (a FIFO, a directory, a device behind a symbolic link), before the run starts, with one
/// line naming the file and the problem, and without writing anything.
@Suite(.serialized) struct SpecialFileCommandTests {
    private let directory: String = {
        let path = CommandRunner.temporaryPath("special")
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    private func fifo(_ name: String) throws -> String {
        let path = directory + "/" + name
        try #require(mkfifo(path, 0o600) == 0)
        return path
    }

    private func contents(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    private func expectFailure(_ arguments: [String], _ message: String) {
        let text = CommandRunner.failure(arguments)
        #expect(text?.contains(message) == true, "gridmmo \(arguments.joined(separator: " ")): got \(text ?? "no error")")
    }

    @Test func aDeviceIsNoReplayAndTheProcessSaysSoInOneLine() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (status, errors) = try GridMMOProcess.run(["replay", "info", "/dev/zero"])
        #expect(status != nil && status != 0)
        #expect(errors.split(separator: "\n").first == "Error: /dev/zero: is a character device, not a regular file", "got: \(errors)")
    }

    @Test func directoriesAreNoInputFiles() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        expectFailure(["config", "validate", directory], "\(directory): is a directory, not a file")
        expectFailure(["simulate", "--config", directory, "--ticks", "1"], "--config \(directory): is a directory, not a file")
        expectFailure(["tasks", "validate", directory], "\(directory): is a directory, not a file")
        expectFailure(["maps", "info", directory], "\(directory): is a directory, not a file")
        expectFailure(["replay", "info", directory], "\(directory): is a directory, not a file")
    }

    @Test func aReplayOutputMustBeARegularFile() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pipe = try fifo("run.replay")
        let null = directory + "/null.replay"
        try FileManager.default.createSymbolicLink(atPath: null, withDestinationPath: "/dev/null")
        let run = ["simulate", "--preset", "small", "--envs", "1", "--ticks", "5", "--generated-maps", "1", "--replay"]
        expectFailure(run + [pipe], "--replay \(pipe): is a FIFO, not a regular file")
        expectFailure(run + [null], "--replay \(null): is a character device, not a regular file")
        #expect(try contents(directory) == ["null.replay", "run.replay"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: null) == "/dev/null")
        #expect(try FileManager.default.attributesOfItem(atPath: pipe)[.type] as? FileAttributeType != .typeRegular)
    }

    @Test func mapAndTaskOutputsAreCheckedBeforeAnythingIsWritten() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let maps = directory + "/maps", tasks = directory + "/tasks"
        try FileManager.default.createDirectory(atPath: maps, withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: tasks, withIntermediateDirectories: false)
        let map = try fifo("maps/map_0001.npy")
        let sample = try fifo("tasks/eval_sample.json")
        expectFailure(["maps", "generate", "--preset", "small", "--count", "2", "--seed", "1", "--out", maps], "--out \(map): is a FIFO, not a regular file")
        expectFailure(["tasks", "generate", "--out", tasks], "--out \(sample): is a FIFO, not a regular file")
        #expect(try contents(maps) == ["map_0001.npy"])
        #expect(try contents(tasks) == ["eval_sample.json"])
    }

    #if Viewer
    @Test func frameOutputsAreCheckedBeforeRendering() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let replay = directory + "/good.replay"
        #expect(CommandRunner.failure(["simulate", "--preset", "small", "--envs", "1", "--ticks", "12", "--generated-maps", "1", "--replay", replay]) == nil)
        let frames = directory + "/frames"
        try FileManager.default.createDirectory(atPath: frames, withIntermediateDirectories: false)
        let frame = try fifo("frames/frame_00008.png")
        let sheet = try fifo("frames/contact-sheet.png")
        expectFailure(["view", replay, "--headless", "--out", frames, "--ticks", "0:12:4"], "\(frame): is a FIFO, not a regular file")
        expectFailure(["view", replay, "--headless", "--out", frames, "--contact-sheet"], "\(sheet): is a FIFO, not a regular file")
        #expect(try contents(frames) == ["contact-sheet.png", "frame_00008.png"])
    }
    #endif
}
