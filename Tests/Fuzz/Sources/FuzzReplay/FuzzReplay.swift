import FuzzDriver
import MMOCore
import MMOViewer

/// Fuzzes the replay reader and what the viewer builds from what it accepts: any bytes either
/// throw `ReplayError` or decode into a replay whose first, middle and last frames the scene
/// builder draws, with and without a selected entity (the info panel), without trapping.
@main
enum FuzzReplay {
    static func main() { FuzzDriver.run(testOneInput) }
}

private func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let replay = try? Replay.decode(FuzzDriver.bytes(data, count), file: "fuzz input"), replay.tickCount > 0 else { return 0 }
    let timeline = ReplayTimeline(replay: replay)
    let builder = SceneBuilder(replay: replay, timeline: timeline)
    var state = ViewerOptions().initialState(for: replay)
    for tick in Set([0, replay.tickCount / 2, replay.tickCount - 1]).sorted() {
        let frame = replay.frame(at: tick)
        state.seek(to: tick)
        for selected in [nil, 0, replay.slotCount - 1] as [Int?] {
            state.select(selected)
            _ = builder.build(frame: frame, state: state)
        }
    }
    return 0
}
