import MMOCore
import MMOViewer
import Testing

/// The viewer's state logic (timeline, playback, speed, selection, follow, camera, overlays)
/// driven by commands and elapsed time, without a window.
struct ViewerStateTests {
    static let layout = FrameLayout(width: 800, height: 600)

    /// A frame of the 64x64 fixture with only players at the given tiles (the first `dead` of them dead).
    static func frame(tick: Int = 0, players: [(row: Int32, col: Int32)], dead: Int = 0) -> ReplayFrame {
        var frame = try! ViewerFixture.replay().frame(at: tick)
        frame.entities = players.enumerated().map { index, tile in
            ReplayEntity(kind: .player, alive: index >= dead, row: tile.row, col: tile.col, health: 100, food: 100, water: 100, team: Int32(index % 2))
        }
        return frame
    }

    static func state(ticks: Int = 129) -> ViewerState {
        ViewerState(tickCount: ticks, mapSize: 64, playableSide: 33, layout: layout)
    }

    @Test func seekClampsToTheReplay() {
        var state = Self.state()
        state.seek(to: 500)
        #expect(state.tick == 128)
        state.seek(to: -3)
        #expect(state.tick == 0)
        let frame = Self.frame(players: [])
        state.apply(.seekToEnd, frame: frame)
        #expect(state.tick == 128)
        state.apply(.seekToStart, frame: frame)
        #expect(state.tick == 0)
    }

    @Test func timelineMapsPositionsToTicksBothWays() {
        var state = Self.state()
        let track = Self.layout.timelineTrack
        state.apply(.seekTimeline(x: track.x), frame: Self.frame(players: []))
        #expect(state.tick == 0)
        state.apply(.seekTimeline(x: track.maxX - 1), frame: Self.frame(players: []))
        #expect(state.tick == 128)
        state.apply(.seekTimeline(x: track.maxX + 50), frame: Self.frame(players: []))
        #expect(state.tick == 128)
        for tick in [0, 1, 37, 64, 127, 128] {
            #expect(Self.layout.tick(atTimelineX: Self.layout.timelineX(ofTick: tick, tickCount: 129), tickCount: 129) == tick)
        }
    }

    @Test func playbackAdvancesByWallTimeAtTheChosenSpeed() {
        var state = Self.state()
        let frame = Self.frame(players: [])
        let moved = state.advance(seconds: 1)
        #expect(!moved && state.tick == 0, "paused: no progress")
        state.apply(.togglePlay, frame: frame)
        #expect(state.playing)
        state.advance(seconds: 1)
        #expect(state.tick == 8, "1x is 8 ticks a second")
        state.apply(.faster, frame: frame)
        state.apply(.faster, frame: frame)
        #expect(state.speed.label == "4x")
        state.advance(seconds: 0.5)
        #expect(state.tick == 24)
        state.advance(seconds: 0.01)
        state.advance(seconds: 0.01)
        #expect(state.tick == 24, "fractions of a tick accumulate")
        state.advance(seconds: 0.02)
        #expect(state.tick == 25)
        state.advance(seconds: 100)
        #expect(state.tick == 128 && !state.playing, "playback stops at the last tick")
        state.apply(.togglePlay, frame: frame)
        #expect(state.tick == 0 && state.playing, "play at the end starts over")
    }

    @Test func speedStepsRunFromAQuarterToSixteen() {
        var speed = PlaybackSpeed()
        #expect(speed.multiplier == 1)
        for _ in 0..<10 { speed.faster() }
        #expect(speed.multiplier == 16 && speed.label == "16x")
        for _ in 0..<10 { speed.slower() }
        #expect(speed.multiplier == 0.25 && speed.label == "0.25x" && speed.ticksPerSecond == 2)
    }

    @Test func steppingPausesAndMovesOneTick() {
        var state = Self.state()
        let frame = Self.frame(players: [])
        state.seek(to: 10)
        state.apply(.togglePlay, frame: frame)
        state.apply(.step(ticks: 1), frame: frame)
        #expect(state.tick == 11 && !state.playing)
        state.apply(.step(ticks: -1), frame: frame)
        state.apply(.step(ticks: -1), frame: frame)
        #expect(state.tick == 9)
        state.apply(.step(ticks: -64), frame: frame)
        #expect(state.tick == 0)
    }

    @Test func clickingATileSelectsTheLivingEntityOnIt() {
        var state = Self.state()
        let frame = Self.frame(players: [(20, 20), (30, 31), (30, 31)], dead: 1)
        let deadTile = state.camera.rect(row: 20, col: 20, in: Self.layout.map)
        state.apply(.selectAt(x: deadTile.x + 1, y: deadTile.y + 1), frame: frame)
        #expect(state.selected == nil, "the dead are not selectable")
        let tile = state.camera.rect(row: 30, col: 31, in: Self.layout.map)
        state.apply(.selectAt(x: tile.x + tile.width - 1, y: tile.y), frame: frame)
        #expect(state.selected == 1, "the lowest slot on the tile")
        state.apply(.selectAt(x: tile.x - 1, y: tile.y), frame: frame)
        #expect(state.selected == nil, "clicking an empty tile clears the selection")
    }

    @Test func tabCyclesThroughLivingPlayers() {
        var state = Self.state()
        let frame = Self.frame(players: [(20, 20), (21, 21), (22, 22), (23, 23)], dead: 1)
        state.apply(.cycleSelection(forward: true), frame: frame)
        #expect(state.selected == 1)
        state.apply(.cycleSelection(forward: true), frame: frame)
        state.apply(.cycleSelection(forward: true), frame: frame)
        #expect(state.selected == 3)
        state.apply(.cycleSelection(forward: true), frame: frame)
        #expect(state.selected == 1, "wraps around, skipping the dead")
        state.apply(.cycleSelection(forward: false), frame: frame)
        #expect(state.selected == 3)
    }

    @Test func followingKeepsTheSelectedEntityCentredUntilPanning() {
        var state = Self.state()
        let frame = Self.frame(players: [(20, 20), (40, 12)])
        state.apply(.toggleFollow, frame: frame)
        #expect(!state.following, "nothing to follow without a selection")
        state.select(1)
        state.apply(.toggleFollow, frame: frame)
        #expect(state.following && state.camera.centerRow == 40.5 && state.camera.centerCol == 12.5)
        state.updateCamera(for: Self.frame(tick: 1, players: [(20, 20), (41, 13)]))
        #expect(state.camera.centerRow == 41.5 && state.camera.centerCol == 13.5)
        let centre = state.camera.tile(atX: Self.layout.map.x + Self.layout.map.width / 2, y: Self.layout.map.y + Self.layout.map.height / 2, in: Self.layout.map)
        #expect(centre.row == 41 && centre.col == 13)
        state.apply(.pan(dx: 32, dy: 0), frame: frame)
        #expect(!state.following)
        state.apply(.toggleFollow, frame: frame)
        state.apply(.clearSelection, frame: frame)
        #expect(state.selected == nil && !state.following)
    }

    @Test func escapeClosesHelpBeforeClearingTheSelection() {
        var state = Self.state()
        let frame = Self.frame(players: [(20, 20)])
        state.select(0)
        state.apply(.toggleHelp, frame: frame)
        #expect(state.showingHelp)
        state.apply(.clearSelection, frame: frame)
        #expect(!state.showingHelp && state.selected == 0)
        state.apply(.clearSelection, frame: frame)
        #expect(state.selected == nil)
    }

    @Test func overlaysToggle() {
        var state = Self.state()
        let frame = Self.frame(players: [])
        #expect(state.overlays == Overlay.defaults)
        state.apply(.toggleOverlay(.resources), frame: frame)
        state.apply(.toggleOverlay(.fog), frame: frame)
        #expect(state.overlays == [.vision, .teamColors, .resources])
        state.apply(.toggleOverlay(.fog), frame: frame)
        #expect(state.overlays.contains(.fog))
    }

    @Test func keysMapToCommands() {
        #expect(KeyBinding.command(for: .space) == .togglePlay)
        #expect(KeyBinding.command(for: .character("?")) == .toggleHelp)
        #expect(KeyBinding.command(for: .character("]")) == .faster)
        #expect(KeyBinding.command(for: .right) == .step(ticks: 1))
        #expect(KeyBinding.command(for: .character("3")) == .toggleOverlay(.resources))
        #expect(KeyBinding.command(for: .character("z")) == nil)
        #expect(Key(name: "pagedown") == .pageDown && Key(name: "f") == .character("f") && Key(name: "nope") == nil)
        let keys = KeyBinding.all.flatMap(\.keys)
        #expect(Set(keys).count == keys.count, "no key is bound twice")
    }
}
