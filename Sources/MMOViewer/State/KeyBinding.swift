/// The keyboard shortcuts: which keys give which command, and how the help overlay and README
/// describe them. Mouse controls are listed in `mouseHelp`.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    /// The keys as shown to the user.
    public let label: String
    public let help: String
    /// The command, given the map viewport's centre for keys that zoom.
    public let command: ViewerCommand

    /// Pixels a pan key moves the view.
    public static let panStep = 64

    /// Every binding, in the order the help overlay lists them.
    public static let all: [KeyBinding] = [
        KeyBinding(keys: [.space], label: "Space", help: "play / pause", command: .togglePlay),
        KeyBinding(keys: [.character("]")], label: "]", help: "faster (up to 16x)", command: .faster),
        KeyBinding(keys: [.character("[")], label: "[", help: "slower (down to 0.25x)", command: .slower),
        KeyBinding(keys: [.right, .character(".")], label: "Right", help: "step one tick forward", command: .step(ticks: 1)),
        KeyBinding(keys: [.left, .character(",")], label: "Left", help: "step one tick back", command: .step(ticks: -1)),
        KeyBinding(keys: [.pageDown], label: "PgDn", help: "64 ticks forward", command: .step(ticks: 64)),
        KeyBinding(keys: [.pageUp], label: "PgUp", help: "64 ticks back", command: .step(ticks: -64)),
        KeyBinding(keys: [.home], label: "Home", help: "first tick", command: .seekToStart),
        KeyBinding(keys: [.end], label: "End", help: "last tick", command: .seekToEnd),
        KeyBinding(keys: [.character("="), .character("+")], label: "+", help: "zoom in", command: .zoomCentered(steps: 1)),
        KeyBinding(keys: [.character("-")], label: "-", help: "zoom out", command: .zoomCentered(steps: -1)),
        KeyBinding(keys: [.character("w"), .up], label: "W A S D", help: "pan (also Up / Down)", command: .pan(dx: 0, dy: panStep)),
        KeyBinding(keys: [.character("s"), .down], label: "", help: "", command: .pan(dx: 0, dy: -panStep)),
        KeyBinding(keys: [.character("a")], label: "", help: "", command: .pan(dx: panStep, dy: 0)),
        KeyBinding(keys: [.character("d")], label: "", help: "", command: .pan(dx: -panStep, dy: 0)),
        KeyBinding(keys: [.character("0")], label: "0", help: "fit the whole map", command: .fitMap),
        KeyBinding(keys: [.tab], label: "Tab", help: "select next living player", command: .cycleSelection(forward: true)),
        KeyBinding(keys: [.character("f")], label: "F", help: "follow the selected agent", command: .toggleFollow),
        KeyBinding(keys: [.escape], label: "Esc", help: "clear selection / close help", command: .clearSelection),
        KeyBinding(keys: [.character("1")], label: "1", help: "toggle death fog", command: .toggleOverlay(.fog)),
        KeyBinding(keys: [.character("2")], label: "2", help: "toggle vision window", command: .toggleOverlay(.vision)),
        KeyBinding(keys: [.character("3")], label: "3", help: "toggle resource markers", command: .toggleOverlay(.resources)),
        KeyBinding(keys: [.character("4")], label: "4", help: "toggle team colours", command: .toggleOverlay(.teamColors)),
        KeyBinding(keys: [.character("?"), .character("h")], label: "? or H", help: "this help", command: .toggleHelp),
        KeyBinding(keys: [.character("q")], label: "Q", help: "quit", command: .quit),
    ]

    /// Mouse controls, as (control, help) pairs.
    public static let mouseHelp: [(label: String, help: String)] = [
        ("Click", "select the agent on a tile"),
        ("Drag", "pan the map"),
        ("Wheel", "zoom at the pointer"),
        ("Timeline", "click or drag to seek"),
    ]

    /// The command of a key, if any.
    public static func command(for key: Key) -> ViewerCommand? {
        all.first { $0.keys.contains(key) }?.command
    }
}
