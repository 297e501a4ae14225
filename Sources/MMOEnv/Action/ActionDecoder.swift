import MMOCore

/// Turns one agent's action row into the world's intents, checking every choice against the mask
/// the environment wrote for it. An illegal or out-of-range choice is ignored (as if "nothing" had
/// been chosen) and counted. Targets name observed entity rows and are mapped back to entity slots
/// through the rows the observation showed.
struct ActionDecoder {
    let heads: HeadOffsets
    let layout: ActionLayout
    let entityRows: Int
    let inventorySlots: Int

    private let moveHead: Int, styleHead: Int, targetHead: Int, useHead: Int, destroyHead: Int
    private let giveItemHead: Int, giveTargetHead: Int, sellItemHead: Int, sellPriceHead: Int
    private let buyHead: Int, goldAmountHead: Int, goldTargetHead: Int, commHead: Int

    init(layout: ActionLayout, config: Config) {
        self.layout = layout
        heads = HeadOffsets(layout)
        entityRows = config.observation.entities
        inventorySlots = config.items.inventorySize
        func index(_ name: String) -> Int { layout.headIndex(named: name)! }
        moveHead = index("move")
        styleHead = index("attack_style")
        targetHead = index("attack_target")
        useHead = index("use")
        destroyHead = index("destroy")
        giveItemHead = index("give_item")
        giveTargetHead = index("give_target")
        sellItemHead = index("sell_item")
        sellPriceHead = index("sell_price")
        buyHead = index("buy")
        goldAmountHead = index("give_gold_amount")
        goldTargetHead = index("give_gold_target")
        commHead = index("comm")
    }

    /// Decodes `agent`'s action row into `world.intents`; returns how many heads were illegal.
    func decode(agent: Int, actions: UnsafePointer<Int32>, mask: UnsafePointer<UInt8>, shown: UnsafePointer<Int32>, into world: World) -> Int {
        let intents = world.intents
        var illegal = 0
        /// The chosen option of a head if legal, else nil (and counted).
        func choice(_ head: Int, _ offset: Int, size: Int) -> Int? {
            let option = Int(actions[head])
            guard option >= 0, option < size, mask[offset + option] != 0 else {
                illegal += 1
                return nil
            }
            return option
        }
        if let move = choice(moveHead, heads.move, size: Direction.count) { intents.move[agent] = UInt8(move) }
        let style = choice(styleHead, heads.attackStyle, size: CombatStyle.count)
        if let row = choice(targetHead, heads.attackTarget, size: entityRows + 1), row < entityRows, let style {
            intents.attackTarget[agent] = shown[row]
            intents.attackStyle[agent] = UInt8(style)
        }
        if let slot = choice(useHead, heads.use, size: inventorySlots + 1), slot < inventorySlots { intents.use[agent] = Int32(slot) }
        if let slot = choice(destroyHead, heads.destroy, size: inventorySlots + 1), slot < inventorySlots { intents.destroy[agent] = Int32(slot) }
        let giveSlot = choice(giveItemHead, heads.giveItem, size: inventorySlots + 1)
        let giveRow = choice(giveTargetHead, heads.giveTarget, size: entityRows + 1)
        if let giveSlot, giveSlot < inventorySlots, let giveRow, giveRow < entityRows {
            intents.giveItem[agent] = Int32(giveSlot)
            intents.giveTarget[agent] = shown[giveRow]
        }
        let sellSlot = choice(sellItemHead, heads.sellItem, size: inventorySlots + 1)
        let price = choice(sellPriceHead, heads.sellPrice, size: heads.priceOptions)
        if let sellSlot, sellSlot < inventorySlots, let price, price > 0 {
            intents.sellItem[agent] = Int32(sellSlot)
            intents.sellPrice[agent] = Int32(price)
        }
        if let entry = choice(buyHead, heads.buy, size: MarketBoard.entryCount + 1), entry < MarketBoard.entryCount { intents.buy[agent] = Int32(entry) }
        let amount = choice(goldAmountHead, heads.giveGoldAmount, size: heads.priceOptions)
        let goldRow = choice(goldTargetHead, heads.giveGoldTarget, size: entityRows + 1)
        if let amount, amount > 0, let goldRow, goldRow < entityRows {
            intents.giveGoldAmount[agent] = Int32(amount)
            intents.giveGoldTarget[agent] = shown[goldRow]
        }
        if let token = choice(commHead, heads.comm, size: heads.commOptions) { intents.comm[agent] = Int32(token) }
        return illegal
    }
}
