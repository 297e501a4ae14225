import MMOCore

/// An entity-row head naming whom to give to (`give_target`, `give_gold_target`): a row is legal
/// when it shows a player that may receive items or gold from the agent now (`World.canGiveTo`).
protocol ReceiverHead: EntityRowHead {}

extension ReceiverHead {
    static func allows(agent: Int, target: Int, world: World) -> Bool { world.canGiveTo(giver: agent, receiver: target) }
}
