/// Give and GiveGold, per player in slot order, both blocked in combat status. The receiver must
/// be another living player within `items.giveDistance` (L-inf).
///
/// Give moves an unequipped, unlisted item (the whole stack) into the receiver's inventory if it
/// has room (GIVE_ITEM: type, level, number = quantity, target). GiveGold moves 1...gold coins
/// (GIVE_GOLD: gold = amount, target).
enum Giving {
    static func run(in world: World) {
        let inventory = world.inventory
        let entities = world.entities
        let intents = world.intents
        for player in 0..<entities.playerCount where entities.canAct(player) {
            let receiver = Int(intents.giveTarget[player])
            if canReceive(world, from: player, receiver: receiver),
               let row = ItemUse.actionableRow(world, player: player, slot: Int(intents.giveItem[player])),
               inventory.equipped[row] == 0, let kind = inventory.item(at: row) {
                let level = inventory.level[row], quantity = inventory.quantity[row]
                if inventory.move(from: row, to: receiver) != nil {
                    world.record(.giveItem, slot: player, type: Int16(kind.rawValue), level: Int16(level), number: quantity, target: Int32(receiver))
                }
            }
            let amount = intents.giveGoldAmount[player]
            let goldReceiver = Int(intents.giveGoldTarget[player])
            if world.canGiveGold(giver: player, amount: Int(amount)), canReceive(world, from: player, receiver: goldReceiver) {
                entities.gold[player] -= amount
                entities.gold[goldReceiver] += amount
                world.record(.giveGold, slot: player, gold: amount, target: Int32(goldReceiver))
            }
        }
    }

    /// Whether `receiver` is another living player within giving distance of `giver`.
    static func canReceive(_ world: World, from giver: Int, receiver: Int) -> Bool {
        guard receiver >= 0, receiver < world.entities.playerCount, receiver != giver, world.entities.canAct(receiver) else { return false }
        return world.distance(giver, receiver) <= world.config.items.giveDistance
    }
}
