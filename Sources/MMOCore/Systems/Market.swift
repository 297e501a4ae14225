/// The global market (`exchange.enabled`): listing, buying and expiry.
///
/// - `list`: a player lists an unequipped item at 1...maxPrice; it stays in the seller's inventory,
///   marked, until `exchange.listingTicks` ticks have passed (LIST_ITEM). Listing a listed item
///   changes its price and restarts its time. Blocked in combat status.
/// - `buy`: buyers, in an order shuffled with the market's random stream, each take the cheapest
///   listing of the chosen entry (kind and level) that is not their own, if they have the gold and
///   room; the whole stack moves, gold goes from buyer to seller (BUY_ITEM for the buyer with
///   gold = price and target = seller, EARN_GOLD for the seller). Blocked in combat status.
/// - `expire`: listings past their last tick leave the market.
///
/// `World.step` rebuilds the board at the end of every tick, after deaths; nothing that runs before
/// the next tick's purchases can change a listing (Use ignores listed items), so buyers and
/// observations see the same board.
enum Market {
    static func list(in world: World) {
        guard world.config.exchange.enabled else { return }
        let inventory = world.inventory
        for player in 0..<world.entities.playerCount where world.entities.canAct(player) {
            let price = world.intents.sellPrice[player]
            guard price >= 1, price <= Int32(world.config.exchange.maxPrice) else { continue }
            let slot = Int(world.intents.sellItem[player])
            guard slot >= 0, slot < inventory.slots, !world.inCombat(player) else { continue }
            let row = inventory.row(player, slot)
            guard let kind = inventory.item(at: row), inventory.equipped[row] == 0 else { continue }
            inventory.price[row] = price
            inventory.listingsChanged = true
            inventory.listedUntil[row] = Int32(world.tick + world.config.exchange.listingTicks)
            world.record(.listItem, slot: player, type: Int16(kind.rawValue), level: Int16(inventory.level[row]), number: inventory.quantity[row], gold: price)
        }
    }

    static func buy(in world: World) {
        guard world.config.exchange.enabled else { return }
        let entities = world.entities
        let inventory = world.inventory
        let board = world.market
        let order = world.scratch.playerOrder
        var buyers = 0
        for player in 0..<entities.playerCount where entities.canAct(player) && world.intents.buy[player] >= 0 && !world.inCombat(player) {
            order[buyers] = Int32(player)
            buyers += 1
        }
        guard buyers > 0 else { return }
        world.marketRng.shuffle(UnsafeMutableBufferPointer(start: order.base, count: buyers))
        for position in 0..<buyers {
            let buyer = Int(order[position])
            let entry = Int(world.intents.buy[buyer])
            guard entry < MarketBoard.entryCount else { continue }
            for listing in Int(board.entryStart[entry])..<Int(board.entryStart[entry + 1]) {
                let row = Int(board.rows[listing])
                let seller = row / inventory.slots
                // Bought earlier this tick, or the buyer's own listing.
                guard inventory.price[row] > 0, seller != buyer else { continue }
                let price = inventory.price[row]
                guard entities.gold[buyer] >= price else { break }
                let kind = inventory.item(at: row)!
                let level = inventory.level[row], quantity = inventory.quantity[row]
                guard inventory.move(from: row, to: buyer) != nil else { break }
                entities.gold[buyer] -= price
                entities.gold[seller] += price
                world.record(.buyItem, slot: buyer, type: Int16(kind.rawValue), level: Int16(level), number: quantity, gold: price, target: Int32(seller))
                world.record(.earnGold, slot: seller, type: Int16(kind.rawValue), level: Int16(level), number: quantity, gold: price, target: Int32(buyer))
                break
            }
        }
    }

    static func expire(in world: World) {
        let inventory = world.inventory
        let tick = Int32(world.tick)
        let total = inventory.players * inventory.slots
        var row = inventory.nextListedRow(from: 0)
        while row < total {
            if inventory.listedUntil[row] <= tick {
                inventory.price[row] = 0
                inventory.listedUntil[row] = 0
                inventory.listingsChanged = true
            }
            row = inventory.nextListedRow(from: row + 1)
        }
    }
}
