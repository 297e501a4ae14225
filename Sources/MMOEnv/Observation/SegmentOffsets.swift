/// Byte offsets of the segments the writer fills, looked up once from the layout.
struct SegmentOffsets {
    let tick: Int
    let selfState: Int
    let skills: Int
    let tiles: Int
    let entities: Int
    let inventory: Int
    let equipment: Int
    let market: Int
    /// Absent without teams or with communication off.
    let comm: Int?
    /// Absent without tasks.
    let task: Int?
    let taskProgress: Int?
    let taskEmbedding: Int?

    init(_ layout: ObservationLayout) {
        func offset(_ name: String) -> Int { layout.segment(named: name)!.offset }
        tick = offset("tick")
        selfState = offset("self")
        skills = offset("skills")
        tiles = offset("tiles")
        entities = offset("entities")
        inventory = offset("inventory")
        equipment = offset("equipment")
        market = offset("market")
        comm = layout.segment(named: "comm")?.offset
        task = layout.segment(named: "task")?.offset
        taskProgress = layout.segment(named: "task_progress")?.offset
        taskEmbedding = layout.segment(named: "task_embedding")?.offset
    }
}

/// Mask offsets and sizes of the action heads, looked up once from the layout.
struct HeadOffsets {
    let move: Int
    let attackStyle: Int
    let attackTarget: Int
    let use: Int
    let destroy: Int
    let giveItem: Int
    let giveTarget: Int
    let sellItem: Int
    let sellPrice: Int
    let buy: Int
    let giveGoldAmount: Int
    let giveGoldTarget: Int
    let comm: Int
    /// Options of the price and gold-amount heads, including their "none" option 0.
    let priceOptions: Int
    /// Options of the comm head, including silence.
    let commOptions: Int

    init(_ layout: ActionLayout) {
        func head(_ name: String) -> ActionHead { layout.heads[layout.headIndex(named: name)!] }
        move = head("move").maskOffset
        attackStyle = head("attack_style").maskOffset
        attackTarget = head("attack_target").maskOffset
        use = head("use").maskOffset
        destroy = head("destroy").maskOffset
        giveItem = head("give_item").maskOffset
        giveTarget = head("give_target").maskOffset
        sellItem = head("sell_item").maskOffset
        sellPrice = head("sell_price").maskOffset
        buy = head("buy").maskOffset
        giveGoldAmount = head("give_gold_amount").maskOffset
        giveGoldTarget = head("give_gold_target").maskOffset
        comm = head("comm").maskOffset
        priceOptions = head("sell_price").size
        commOptions = head("comm").size
    }
}
