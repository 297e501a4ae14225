/// The action heads, in the order of an agent's action row and mask row (a public interface: the
/// order never changes, new heads go last). Each head's name, options, "nothing" option, legality
/// and decoding live in one place, its `rules` type under `Heads/`.
public enum ActionHeadKind: Int, CaseIterable, Sendable {
    case move
    case attackStyle
    case attackTarget
    case use
    case destroy
    case giveItem
    case giveTarget
    case sellItem
    case sellPrice
    case buy
    case giveGoldAmount
    case giveGoldTarget
    case comm

    /// Everything about this head.
    var rules: any ActionHeadRules.Type {
        switch self {
        case .move: MoveHead.self
        case .attackStyle: AttackStyleHead.self
        case .attackTarget: AttackTargetHead.self
        case .use: UseHead.self
        case .destroy: DestroyHead.self
        case .giveItem: GiveItemHead.self
        case .giveTarget: GiveTargetHead.self
        case .sellItem: SellItemHead.self
        case .sellPrice: SellPriceHead.self
        case .buy: BuyHead.self
        case .giveGoldAmount: GiveGoldAmountHead.self
        case .giveGoldTarget: GiveGoldTargetHead.self
        case .comm: CommHead.self
        }
    }
}
