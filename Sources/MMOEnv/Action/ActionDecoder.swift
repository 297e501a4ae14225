import MMOCore

/// Turns one agent's action row into the world's intents, checking every choice against the mask
/// the environment wrote for it. An illegal or out-of-range choice is ignored (as if "nothing" had
/// been chosen) and counted. Targets name observed entity rows and are mapped back to entity slots
/// through the rows the observation showed. Each head decodes itself (`Heads/`), in head order.
final class ActionDecoder {
    private let heads: HeadOffsets

    init(layout: ActionLayout) {
        heads = HeadOffsets(layout)
    }

    deinit {
        heads.deallocate()
    }

    /// Decodes `agent`'s action row into `world.intents`; returns how many heads were illegal.
    func decode(agent: Int, actions: UnsafePointer<Int32>, mask: UnsafePointer<UInt8>, shown: UnsafePointer<Int32>, into world: World) -> Int {
        let intents = world.intents
        var choices = ActionChoices(actions: actions, mask: mask, heads: heads)
        MoveHead.decode(&choices, agent: agent, shown: shown, into: intents)
        AttackStyleHead.decode(&choices, agent: agent, shown: shown, into: intents)
        AttackTargetHead.decode(&choices, agent: agent, shown: shown, into: intents)
        UseHead.decode(&choices, agent: agent, shown: shown, into: intents)
        DestroyHead.decode(&choices, agent: agent, shown: shown, into: intents)
        GiveItemHead.decode(&choices, agent: agent, shown: shown, into: intents)
        GiveTargetHead.decode(&choices, agent: agent, shown: shown, into: intents)
        SellItemHead.decode(&choices, agent: agent, shown: shown, into: intents)
        SellPriceHead.decode(&choices, agent: agent, shown: shown, into: intents)
        BuyHead.decode(&choices, agent: agent, shown: shown, into: intents)
        GiveGoldAmountHead.decode(&choices, agent: agent, shown: shown, into: intents)
        GiveGoldTargetHead.decode(&choices, agent: agent, shown: shown, into: intents)
        CommHead.decode(&choices, agent: agent, shown: shown, into: intents)
        return choices.illegal
    }
}
