import MMOViewer
import Testing

/// `--ticks` parsing and range checks, with errors that name the flag.
struct TickSpecTests {
    @Test func parsesSingleTicksRangesAndSteps() throws {
        #expect(try TickSpec(parsing: "5").ticks(tickCount: 10) == [5])
        #expect(try TickSpec(parsing: "2:5").ticks(tickCount: 10) == [2, 3, 4])
        #expect(try TickSpec(parsing: "0:1024:64").ticks(tickCount: 1025) == Array(stride(from: 0, to: 1024, by: 64)))
        #expect(try TickSpec(parsing: "0::64").ticks(tickCount: 1025) == Array(stride(from: 0, through: 1024, by: 64)))
        #expect(try TickSpec(parsing: "3:").ticks(tickCount: 6) == [3, 4, 5])
    }

    @Test(arguments: [
        ("0:x", "--ticks '0:x': end 'x' is not a non-negative integer"),
        ("10:5", "--ticks '10:5': end 5 must be greater than start 10"),
        ("0:10:0", "--ticks '0:10:0': step must be at least 1"),
        ("-1", "--ticks '-1': tick '-1'"),
        ("1:2:3:4", "--ticks '1:2:3:4': expected N, START:END or START:END:STEP"),
        ("", "--ticks '': tick ''"),
    ])
    func rejectsMalformedSpecs(text: String, message: String) {
        #expect {
            _ = try TickSpec(parsing: text)
        } throws: { error in
            (error as? ViewerError)?.message.hasPrefix(message) == true
        }
    }

    @Test func rejectsTicksBeyondTheReplay() throws {
        #expect {
            _ = try TickSpec(parsing: "0:2000:64").ticks(tickCount: 1025)
        } throws: { error in
            (error as? ViewerError)?.message == "--ticks: end 2000 is beyond the replay's 1025 ticks (0...1024); use END <= 1025"
        }
        #expect {
            _ = try TickSpec(parsing: "1025").ticks(tickCount: 1025)
        } throws: { error in
            (error as? ViewerError)?.message == "--ticks: start 1025 is beyond the replay's last tick 1024"
        }
        // The largest integer has no next tick to end a single-tick range: still just beyond the replay.
        #expect {
            _ = try TickSpec(parsing: String(Int.max)).ticks(tickCount: 1025)
        } throws: { error in
            (error as? ViewerError)?.message == "--ticks: start \(Int.max) is beyond the replay's last tick 1024"
        }
    }

    @Test func frameFilesAreNamedByTick() {
        #expect(ReplayViewer.frameFileName(tick: 64) == "frame_00064.png")
        #expect(ReplayViewer.frameFileName(tick: 123_456) == "frame_123456.png")
    }

    @Test func contactSheetsAreNearlySquare() {
        let sheet = ContactSheetLayout(count: 17, cellWidth: 100, cellHeight: 50)
        #expect(sheet.columns == 5 && sheet.rows == 4)
        #expect(sheet.width == 5 * 104 + 4 && sheet.height == 4 * 54 + 4)
        #expect(sheet.origin(ofCell: 6) == (108, 58))
    }
}
