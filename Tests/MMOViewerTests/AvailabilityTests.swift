import MMOCore
import MMOViewer
import Testing

/// The viewer exists in every build; without the `Viewer` trait its entry points say how to get it.
struct AvailabilityTests {
    @Test func availabilityMatchesTheTrait() throws {
        #if Viewer
        #expect(ReplayViewer.isAvailable)
        #else
        #expect(!ReplayViewer.isAvailable)
        let replay = try ViewerFixture.replay()
        #expect(throws: ViewerError.unavailable) {
            _ = try ReplayViewer.exportFrames(replay, ticks: [0], to: "/tmp", options: ViewerOptions())
        }
        #expect(ViewerError.unavailable.message.contains("swift build --traits Viewer"))
        #endif
    }
}
