import ArgumentParser
import Foundation
import MMOCore
import MMOViewer

/// `gridmmo view`: play a replay in a window, or render chosen ticks to PNG files without a display.
struct View: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watch a replay in a window, or export frames and contact sheets headless.",
        discussion: "Press ? in the window for the keys. Needs a build with the Viewer trait (swift build --traits Viewer)."
    )

    @Argument(help: "A .replay file written by gridmmo.") var file: String
    @Flag(help: "Render to PNG files with SDL's software renderer instead of opening a window.") var headless = false
    @Option(parsing: .unconditional, help: "Ticks to export: N, START:END or START:END:STEP (END excluded, may be empty for the last tick).") var ticks: String = "0::64"
    @Option(help: "Directory for exported images (created if missing).") var out: String?
    @Flag(help: "With --headless: put every exported tick on one image, DIR/contact-sheet.png.") var contactSheet = false
    @Option(parsing: .unconditional, help: "Window or frame size, WIDTHxHEIGHT.") var size: String = "1280x720"
    @Option(parsing: .unconditional, help: "Contact-sheet cell size, WIDTHxHEIGHT.") var cellSize: String = "320x320"
    @Option(parsing: .unconditional, help: "Tile size in pixels: \(Camera.zoomLevels.map(String.init).joined(separator: ", ")) (default: fit the map).") var zoom: Int?
    @Option(parsing: .unconditional, help: "Select player ID (1...players) at the start.") var select: Int?
    @Flag(help: "Follow the selected player.") var follow = false
    @Option(help: "Overlays shown at the start, comma-separated: \(Overlay.named.map(\.name).joined(separator: ",")) or none.") var overlays: String = "fog,vision,teams"
    @Option(help: "Debugging: keys pressed at the start, comma-separated (e.g. space,],tab,f).") var keys: String?
    @Option(parsing: .unconditional, help: "Debugging: close the window after this many seconds.") var exitAfter: Double?
    @Option(help: "Debugging: write the window's last frame to this PNG file on exit.") var screenshot: String?

    func validate() throws {
        if let zoom, !Camera.zoomLevels.contains(zoom) {
            throw ValidationError("--zoom must be one of \(Camera.zoomLevels.map(String.init).joined(separator: ", ")), got \(zoom)")
        }
        if !headless {
            guard out == nil, !contactSheet else { throw ValidationError("--out and --contact-sheet need --headless") }
        } else {
            guard out != nil else { throw ValidationError("--headless needs --out DIR") }
            guard keys == nil, exitAfter == nil, screenshot == nil else { throw ValidationError("--keys, --exit-after and --screenshot are for the window, not --headless") }
        }
        if let exitAfter, !(exitAfter > 0) { throw ValidationError("--exit-after must be positive, got \(exitAfter)") }
    }

    func run() throws {
        var options = ViewerOptions()
        (options.width, options.height) = try Self.dimensions(size, flag: "--size")
        options.tileSize = zoom
        options.follow = follow
        options.overlays = try Self.overlaySet(overlays)
        let replay: Replay
        do {
            replay = try Replay.load(path: file)
        } catch {
            throw ValidationError(error.description)
        }
        if let select {
            guard (1...replay.config.players.count).contains(select) else {
                throw ValidationError("--select must be a player id in 1...\(replay.config.players.count), got \(select)")
            }
            options.selected = select - 1
        }
        guard ReplayViewer.isAvailable else { throw ValidationError(ViewerError.unavailable.message) }
        do {
            if headless {
                try export(replay, options: options)
            } else {
                if let screenshot { try ReplayViewer.requireReplaceable([screenshot]) }
                let debug = InteractiveDebug(keys: try Self.keyList(keys), exitAfterSeconds: exitAfter, screenshotPath: screenshot)
                try ReplayViewer.runInteractive(replay, options: options, debug: debug)
            }
        } catch let error as ViewerError {
            throw ValidationError(error.message)
        }
    }

    private func export(_ replay: Replay, options: ViewerOptions) throws {
        let selected = try TickSpec(parsing: ticks).ticks(tickCount: replay.tickCount)
        let directory = try Self.prepareDirectory(out ?? "")
        if contactSheet {
            let (cellWidth, cellHeight) = try Self.dimensions(cellSize, flag: "--cell-size")
            let path = directory + "/contact-sheet.png"
            try ReplayViewer.exportContactSheet(replay, ticks: selected, to: path, cellWidth: cellWidth, cellHeight: cellHeight, options: options)
            print("wrote a contact sheet of \(selected.count) ticks to \(path)")
        } else {
            let result = try ReplayViewer.exportFrames(replay, ticks: selected, to: directory, options: options)
            print("wrote \(result.paths.count) frames (\(options.width)x\(options.height)) to \(directory); median render time \(String(format: "%.2f", result.medianMilliseconds)) ms per frame")
        }
    }

    /// `WIDTHxHEIGHT`, each 64...8192.
    static func dimensions(_ text: String, flag: String) throws -> (Int, Int) {
        let parts = text.lowercased().split(separator: "x").map { Int($0) }
        guard parts.count == 2, let width = parts[0], let height = parts[1], (64...8192).contains(width), (64...8192).contains(height) else {
            throw ValidationError("\(flag) must be WIDTHxHEIGHT with each side in 64...8192, got '\(text)'")
        }
        return (width, height)
    }

    static func overlaySet(_ text: String) throws -> Overlay {
        var set: Overlay = []
        for name in text.split(separator: ",").map(String.init) where name != "none" {
            guard let overlay = Overlay.named.first(where: { $0.name == name })?.overlay else {
                throw ValidationError("--overlays: unknown overlay '\(name)' (known: \(Overlay.named.map(\.name).joined(separator: ", ")), none)")
            }
            set.insert(overlay)
        }
        return set
    }

    static func keyList(_ text: String?) throws -> [Key] {
        guard let text else { return [] }
        return try text.split(separator: ",").map { name in
            guard let key = Key(name: String(name)) else { throw ValidationError("--keys: unknown key '\(name)'") }
            return key
        }
    }

    /// Creates the output directory if needed and checks it can be written; errors name `--out`.
    static func prepareDirectory(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ValidationError("--out \(path): exists and is not a directory") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw ValidationError("--out \(path): cannot be created: \(error.localizedDescription)")
            }
        }
        guard FileManager.default.isWritableFile(atPath: path) else { throw ValidationError("--out \(path): is not writable") }
        return path
    }
}
