/// An item icon in a panel row, with the item's level (drawn in the icon's top-left corner) and
/// quantity (drawn in its bottom-right corner when more than one).
public struct PanelIcon: Sendable, Equatable, CustomStringConvertible {
    public var item: ItemIcon
    public var level: Int
    public var quantity: Int

    public init(item: ItemIcon, level: Int, quantity: Int) {
        self.item = item
        self.level = level
        self.quantity = quantity
    }

    /// The level badge's text.
    public var levelText: String { "\(level)" }

    /// The quantity badge's text, or `nil` for a single item.
    public var quantityText: String? { quantity > 1 ? "\(quantity)" : nil }

    /// For example `spear L2` or `ration L1 x3`.
    public var description: String { "\(item) L\(level)" + (quantityText.map { " x\($0)" } ?? "") }
}
