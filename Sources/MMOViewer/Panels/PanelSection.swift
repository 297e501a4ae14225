/// A titled group of labelled rows in the side panel. Panels are built as data from the frame, so
/// a new replay field becomes a new row, and a field the replay lacks shows as "-".
public struct PanelSection: Sendable, Equatable {
    public var title: String
    public var rows: [PanelRow]

    public init(title: String, rows: [PanelRow]) {
        self.title = title
        self.rows = rows
    }
}

/// One line of a panel section: a label, then item icons, a meter or both, then a value.
public struct PanelRow: Sendable, Equatable {
    public var label: String
    public var value: String
    public var meter: Meter?
    /// Item icons drawn after the label at twice their size, which makes the row 34 pixels high.
    public var icons: [PanelIcon]
    /// Whether the value starts at the left edge, over the (empty) label column, as ticker lines do.
    public var wide: Bool

    public init(label: String, value: String, meter: Meter? = nil, icons: [PanelIcon] = [], wide: Bool = false) {
        self.label = label
        self.value = value
        self.meter = meter
        self.icons = icons
        self.wide = wide
    }
}

/// A horizontal bar filled to `fraction` (0...1).
public struct Meter: Sendable, Equatable {
    public var fraction: Double
    public var color: Color

    public init(fraction: Double, color: Color) {
        self.fraction = min(max(fraction, 0), 1)
        self.color = color
    }
}
