/// What every entity means to do this tick: one column per action head, written by the
/// environment (players) or the NPC behaviour system (NPCs), consumed by the systems, and reset to
/// "nothing" after each tick. Slots and targets are validated by the systems, so an impossible
/// intent is simply not carried out.
public final class Intents {
    /// `Direction` raw value per entity slot (players and NPCs).
    public let move: FixedArray<UInt8>
    /// `CombatStyle` raw value per entity slot.
    public let attackStyle: FixedArray<UInt8>
    /// Entity slot to attack per entity slot, or -1.
    public let attackTarget: FixedArray<Int32>
    /// Inventory slot to use (equip, unequip or consume) per player, or -1.
    public let use: FixedArray<Int32>
    /// Inventory slot to destroy per player, or -1.
    public let destroy: FixedArray<Int32>
    /// Inventory slot to give and the receiving entity slot, per player, or -1.
    public let giveItem: FixedArray<Int32>
    public let giveTarget: FixedArray<Int32>
    /// Inventory slot to list and its price, per player, or -1.
    public let sellItem: FixedArray<Int32>
    public let sellPrice: FixedArray<Int32>
    /// Market entry to buy (`MarketEntry` index: kind index x maxLevel + level - 1), or -1.
    public let buy: FixedArray<Int32>
    /// Gold to give and the receiving entity slot, per player; 0 gives nothing.
    public let giveGoldAmount: FixedArray<Int32>
    public let giveGoldTarget: FixedArray<Int32>
    /// Communication token per player, 0 for silence.
    public let comm: FixedArray<Int32>

    public init(players: Int, capacity: Int) {
        move = FixedArray(repeating: Direction.stay.rawValue, count: capacity)
        attackStyle = FixedArray(repeating: 0, count: capacity)
        attackTarget = FixedArray(repeating: -1, count: capacity)
        use = FixedArray(repeating: -1, count: players)
        destroy = FixedArray(repeating: -1, count: players)
        giveItem = FixedArray(repeating: -1, count: players)
        giveTarget = FixedArray(repeating: -1, count: players)
        sellItem = FixedArray(repeating: -1, count: players)
        sellPrice = FixedArray(repeating: 0, count: players)
        buy = FixedArray(repeating: -1, count: players)
        giveGoldAmount = FixedArray(repeating: 0, count: players)
        giveGoldTarget = FixedArray(repeating: -1, count: players)
        comm = FixedArray(repeating: 0, count: players)
    }

    deinit {
        for column in [use, destroy, giveItem, giveTarget, sellItem, sellPrice, buy, giveGoldAmount, giveGoldTarget, comm, attackTarget] {
            column.deallocate()
        }
        move.deallocate()
        attackStyle.deallocate()
    }

    /// Resets every intent to "nothing".
    public func clear() {
        move.fill(Direction.stay.rawValue)
        attackStyle.fill(0)
        attackTarget.fill(-1)
        use.fill(-1)
        destroy.fill(-1)
        giveItem.fill(-1)
        giveTarget.fill(-1)
        sellItem.fill(-1)
        sellPrice.fill(0)
        buy.fill(-1)
        giveGoldAmount.fill(0)
        giveGoldTarget.fill(-1)
        comm.fill(0)
    }
}
