import MMOCore

/// The 16 item types of Neural MMO 2.x, in the order of their icons in the atlas.
public enum ItemIcon: Int, CaseIterable, Sendable {
    case hat, top, bottom, spear, bow, wand, rod, gloves, pickaxe, axe, chisel, whetstone, arrow, runes, ration, potion

    /// The icon of an item kind.
    public init(_ kind: ItemKind) {
        switch kind {
        case .hat: self = .hat
        case .top: self = .top
        case .bottom: self = .bottom
        case .spear: self = .spear
        case .bow: self = .bow
        case .wand: self = .wand
        case .rod: self = .rod
        case .gloves: self = .gloves
        case .pickaxe: self = .pickaxe
        case .axe: self = .axe
        case .chisel: self = .chisel
        case .whetstone: self = .whetstone
        case .arrow: self = .arrow
        case .runes: self = .runes
        case .ration: self = .ration
        case .potion: self = .potion
        }
    }
}
