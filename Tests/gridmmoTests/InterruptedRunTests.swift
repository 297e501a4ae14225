import Foundation
import Testing

/// A `simulate --replay` stopped by SIGTERM (`kill`) or SIGINT (Ctrl-C) in the middle of the
/// recording dies by that signal and leaves neither its temporary file nor the replay behind.
@Suite(.serialized) struct InterruptedRunTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func anInterruptedRecordingLeavesNothingBehind(signal: Int32) throws {
        let directory = CommandRunner.temporaryPath("interrupted")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = directory + ".json"
        defer { try? FileManager.default.removeItem(atPath: config) }
        // An immortal small world with the longest horizon: the recording lasts far longer than the test waits.
        try Data(#"{"preset": "small", "episode": {"horizon": 32767}}"#.utf8).write(to: URL(fileURLWithPath: config))
        let replay = directory + "/run.replay"
        let process = try GridMMOProcess(["simulate", "--config", config, "--immortal", "--envs", "1", "--threads", "1", "--ticks", "32767", "--generated-maps", "1", "--replay", replay])
        let deadline = Date().addingTimeInterval(120)
        while try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty, process.isRunning, Date() < deadline {
            usleep(20_000)
        }
        #expect(try !FileManager.default.contentsOfDirectory(atPath: directory).isEmpty, "the recording never started")
        usleep(300_000)
        #expect(process.isRunning, "the run ended before the signal")
        kill(process.pid, signal)
        let ending = process.wait()
        #expect(ending.signal == signal && ending.status == nil, "ended with \(ending)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [])
    }
}
