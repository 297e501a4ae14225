#if Viewer
import Foundation
import MMOCore
import MMOViewer
import Testing

/// Renders fixed ticks of the committed fixture replay through the headless export (SDL's
/// software renderer on a surface) and compares every pixel with the committed reference images.
/// After an intended change to the drawing, regenerate them with
/// `GRIDMMO_UPDATE_GOLDEN=1 swift test --traits Viewer --filter GoldenImageTests` and look at them.
@Suite(.serialized) struct GoldenImageTests {
    static let updating = ProcessInfo.processInfo.environment["GRIDMMO_UPDATE_GOLDEN"] == "1"

    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gridmmo-golden-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Compares the PNG at `actualPath` with `Golden/name`, or replaces the golden when updating.
    private func expectMatchesGolden(_ actualPath: String, name: String) throws {
        let goldenPath = ViewerFixture.goldenDirectory + "/" + name
        let actual = try ImageFile.readPNG(actualPath)
        if Self.updating {
            try ImageFile.writePNG(actual, to: goldenPath)
            return
        }
        guard FileManager.default.fileExists(atPath: goldenPath) else {
            Issue.record("missing golden image \(goldenPath); create it with GRIDMMO_UPDATE_GOLDEN=1")
            return
        }
        let golden = try ImageFile.readPNG(goldenPath)
        guard actual.width == golden.width, actual.height == golden.height else {
            Issue.record("\(name): rendered \(actual.width)x\(actual.height), golden is \(golden.width)x\(golden.height) (actual image: \(actualPath))")
            return
        }
        let differing = actual.differingPixels(from: golden)
        #expect(differing == 0, "\(name): \(differing) of \(actual.pixels.count) pixels differ from the golden image; actual image kept at \(actualPath); if the change is intended, rerun with GRIDMMO_UPDATE_GOLDEN=1 and review the new images")
    }

    @Test func fullFrameWithSelectionVisionFogAndDeaths() throws {
        let replay = try ViewerFixture.replay()
        var options = ViewerOptions()
        (options.width, options.height) = (560, 360)
        options.selected = 12
        let directory = try temporaryDirectory()
        let result = try ReplayViewer.exportFrames(replay, ticks: [0, 14], to: directory, options: options)
        #expect(result.paths == [directory + "/frame_00000.png", directory + "/frame_00014.png"])
        try expectMatchesGolden(result.paths[0], name: "frame-tick0.png")
        try expectMatchesGolden(result.paths[1], name: "frame-tick14-fog.png")
    }

    @Test func zoomedFollowWithAttackLinesResourcesAndNPCs() throws {
        let replay = try ViewerFixture.replay()
        var options = ViewerOptions()
        (options.width, options.height) = (560, 360)
        options.tileSize = 32
        options.selected = 0
        options.follow = true
        options.overlays = [.teamColors, .resources, .vision]
        let directory = try temporaryDirectory()
        let result = try ReplayViewer.exportFrames(replay, ticks: [6], to: directory, options: options)
        try expectMatchesGolden(result.paths[0], name: "frame-tick6-zoom32-attacks.png")
    }

    @Test func contactSheet() throws {
        let replay = try ViewerFixture.replay()
        let path = try temporaryDirectory() + "/contact-sheet.png"
        try ReplayViewer.exportContactSheet(replay, ticks: [0, 8, 16, 24], to: path, cellWidth: 160, cellHeight: 160, options: ViewerOptions())
        let sheet = try ImageFile.readPNG(path)
        #expect(sheet.width == 2 * 164 + 4 && sheet.height == 2 * 164 + 4)
        try expectMatchesGolden(path, name: "contact-sheet.png")
    }

    @Test func renderingIsDeterministic() throws {
        let replay = try ViewerFixture.replay()
        var options = ViewerOptions()
        (options.width, options.height) = (320, 200)
        let first = try temporaryDirectory(), second = try temporaryDirectory()
        let a = try ReplayViewer.exportFrames(replay, ticks: [10], to: first, options: options)
        let b = try ReplayViewer.exportFrames(replay, ticks: [10], to: second, options: options)
        #expect(try ImageFile.readPNG(a.paths[0]) == ImageFile.readPNG(b.paths[0]))
    }
}
#endif
