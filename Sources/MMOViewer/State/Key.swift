/// A key the viewer reacts to, independent of SDL's key codes.
public enum Key: Sendable, Hashable {
    case character(Character)
    case space, left, right, up, down, home, end, pageUp, pageDown, tab, escape

    /// A key from its name as the `--keys` debug flag takes it: one character, or `space`,
    /// `left`, `right`, `up`, `down`, `home`, `end`, `pageup`, `pagedown`, `tab`, `escape`.
    public init?(name: String) {
        let named: [String: Key] = [
            "space": .space, "left": .left, "right": .right, "up": .up, "down": .down, "home": .home, "end": .end,
            "pageup": .pageUp, "pagedown": .pageDown, "tab": .tab, "escape": .escape,
        ]
        if let key = named[name.lowercased()] {
            self = key
        } else if name.count == 1, let character = name.first {
            self = .character(character)
        } else {
            return nil
        }
    }
}
