import Testing
@testable import MMOCore

/// Listing, expiry and buying on the global market.
struct MarketRuleTests {
    /// Four players standing apart (the market is global), each with 20 gold.
    private func world(competition: Bool = false, seed: UInt64 = 1) -> World {
        let world = RuleWorld.make(RuleWorld.config(players: 4, competition: competition), positions: [(20, 20), (20, 44), (44, 20), (44, 44)], seed: seed)
        for player in 0..<4 { RuleWorld.setGold(world, player, 20) }
        return world
    }

    private func list(_ world: World, _ player: Int, row: Int, price: Int32) {
        world.intents.sellItem[player] = Int32(row % world.inventory.slots)
        world.intents.sellPrice[player] = price
    }

    @Test(arguments: [false, true])
    func listingsLastTheirListingTicks(competition: Bool) {
        let ticks = competition ? 5 : 3
        let world = world(competition: competition)
        let hat = RuleWorld.give(world, .hat, level: 2, to: 0)
        list(world, 0, row: hat, price: 10)
        world.step()
        let listed = RuleWorld.events(world, .listItem)
        #expect(listed.count == 1)
        #expect(listed.first?.type == Int16(ItemKind.hat.rawValue) && listed.first?.level == 2 && listed.first?.gold == 10 && listed.first?.number == 1)
        let entry = Int(RuleWorld.entry(.hat, 2))
        #expect(world.inventory.price[hat] == 10)
        #expect(world.market.listingCount[entry] == 1 && world.market.bestPrice[entry] == 10)
        for _ in 1..<ticks {
            world.step()
            #expect(world.inventory.price[hat] == 10, "tick \(world.tick)")
        }
        world.step()
        #expect(world.tick == 1 + ticks)
        #expect(world.inventory.price[hat] == 0 && world.market.listingCount[entry] == 0 && world.market.bestPrice[entry] == 0)
        #expect(world.inventory.kind[hat] == ItemKind.hat.rawValue)  // back in the seller's hands

        // The last tick a buyer can buy it is 1 + listingTicks.
        for (buyTick, bought) in [(1 + ticks, true), (2 + ticks, false)] {
            let market = self.world(competition: competition)
            let row = RuleWorld.give(market, .hat, level: 2, to: 0)
            list(market, 0, row: row, price: 10)
            market.step()
            while market.tick < buyTick - 1 { market.step() }
            market.intents.buy[1] = Int32(entry)
            market.step()
            #expect(RuleWorld.events(market, .buyItem).count == (bought ? 1 : 0), "buy at tick \(buyTick)")
        }
    }

    @Test func pricesMustBeOneToNinetyNine() {
        let world = world()
        for (price, listed) in [(0, false), (-1, false), (100, false), (1, true), (99, true)] as [(Int32, Bool)] {
            let row = RuleWorld.give(world, .gloves, to: 0)
            list(world, 0, row: row, price: price)
            world.step()
            #expect((world.inventory.price[row] > 0) == listed, "price \(price)")
            #expect(RuleWorld.events(world, .listItem).count == (listed ? 1 : 0))
        }
    }

    @Test func buyersTakeTheCheapestListingAndGoldMoves() {
        let world = world()
        let dear = RuleWorld.give(world, .arrow, level: 3, quantity: 10, to: 0)
        let cheap = RuleWorld.give(world, .arrow, level: 3, quantity: 4, to: 1)
        let otherLevel = RuleWorld.give(world, .arrow, level: 2, quantity: 4, to: 3)
        list(world, 0, row: dear, price: 7)
        list(world, 1, row: cheap, price: 5)
        list(world, 3, row: otherLevel, price: 1)
        world.step()
        let entry = Int(RuleWorld.entry(.arrow, 3))
        #expect(world.market.listingCount[entry] == 2 && world.market.bestPrice[entry] == 5)
        world.intents.buy[2] = Int32(entry)
        world.step()
        let buy = RuleWorld.events(world, .buyItem)
        #expect(buy.count == 1)
        #expect(buy.first?.entity == 2 && buy.first?.gold == 5 && buy.first?.target == 1 && buy.first?.number == 4 && buy.first?.level == 3)
        let earn = RuleWorld.events(world, .earnGold)
        #expect(earn.count == 1 && earn.first?.entity == 1 && earn.first?.gold == 5 && earn.first?.target == 2)
        #expect(world.entities.gold[2] == 15 && world.entities.gold[1] == 25 && world.entities.gold[0] == 20)
        // The whole stack moves, unlisted; the dearer listing stays.
        let bought = RuleWorld.rows(world, 2, .arrow)
        #expect(bought.count == 1 && world.inventory.quantity[bought[0]] == 4 && world.inventory.price[bought[0]] == 0)
        #expect(world.inventory.kind[cheap] == 0)
        #expect(world.inventory.price[dear] == 7 && world.market.listingCount[entry] == 1)
        RuleWorld.expectConsistent(world)
    }

    @Test func aBuyerWhoCannotAffordTheCheapestBuysNothing() {
        let world = world()
        let row = RuleWorld.give(world, .top, to: 0)
        list(world, 0, row: row, price: 21)
        world.step()
        world.intents.buy[1] = RuleWorld.entry(.top)
        world.step()
        #expect(RuleWorld.events(world, .buyItem).isEmpty)
        #expect(world.entities.gold[1] == 20 && world.inventory.price[row] == 21)
        RuleWorld.setGold(world, 1, 21)
        world.intents.buy[1] = RuleWorld.entry(.top)
        world.step()
        #expect(RuleWorld.events(world, .buyItem).count == 1 && world.entities.gold[1] == 0 && world.entities.gold[0] == 41)
        RuleWorld.expectConsistent(world)
    }

    @Test func aBuyerSkipsItsOwnListing() {
        let world = world()
        let own = RuleWorld.give(world, .wand, to: 2)
        let other = RuleWorld.give(world, .wand, to: 0)
        list(world, 2, row: own, price: 2)
        list(world, 0, row: other, price: 6)
        world.step()
        world.intents.buy[2] = RuleWorld.entry(.wand)
        world.step()
        let buy = RuleWorld.events(world, .buyItem)
        #expect(buy.count == 1 && buy.first?.target == 0 && buy.first?.gold == 6)
        #expect(world.inventory.price[own] == 2)
        #expect(RuleWorld.rows(world, 2, .wand).count == 2)
        // Only its own listing left: nothing.
        world.intents.buy[2] = RuleWorld.entry(.wand)
        world.step()
        #expect(RuleWorld.events(world, .buyItem).isEmpty)
    }

    /// `canBuy` answers from the board's per-entry summary (cheapest seller, cheapest price from
    /// anyone else); it must say what `Market.buy` then does, whether or not the buyer holds the
    /// cheapest listings itself.
    @Test func canBuyAgreesWithWhatABuyerGets() {
        let world = world()
        // Player 2 holds the two cheapest wands (2 and 3), player 0 the next (6), player 1 one at 9.
        list(world, 2, row: RuleWorld.give(world, .wand, to: 2), price: 2)
        world.step()
        list(world, 2, row: RuleWorld.give(world, .wand, to: 2), price: 3)
        list(world, 0, row: RuleWorld.give(world, .wand, to: 0), price: 6)
        list(world, 1, row: RuleWorld.give(world, .wand, to: 1), price: 9)
        world.step()
        let wand = Int(RuleWorld.entry(.wand))
        #expect(world.market.cheapestSeller[wand] == 2 && world.market.cheapestOtherPrice[wand] == 6)
        // The owner of the cheapest listings pays the cheapest other price: 5 gold is not enough.
        RuleWorld.setGold(world, 2, 5)
        #expect(!world.canBuy(buyer: 2, entry: wand))
        RuleWorld.setGold(world, 2, 6)
        #expect(world.canBuy(buyer: 2, entry: wand))
        // Anyone else pays the cheapest price.
        RuleWorld.setGold(world, 3, 2)
        #expect(world.canBuy(buyer: 3, entry: wand))
        RuleWorld.setGold(world, 3, 1)
        #expect(!world.canBuy(buyer: 3, entry: wand))
        // An empty entry cannot be bought from.
        #expect(!world.canBuy(buyer: 3, entry: Int(RuleWorld.entry(.hat))))
        // What canBuy allowed, the market does: player 2 buys player 0's wand at 6.
        world.intents.buy[2] = Int32(wand)
        world.step()
        let buy = RuleWorld.events(world, .buyItem)
        #expect(buy.count == 1 && buy.first?.target == 0 && buy.first?.gold == 6)
        // The board moved on: player 1's 9 is now the cheapest price from anyone but player 2.
        #expect(world.market.cheapestSeller[wand] == 2 && world.market.cheapestOtherPrice[wand] == 9)
        #expect(!world.canBuy(buyer: 2, entry: wand))
        RuleWorld.expectConsistent(world)
    }

    @Test func equippedItemsCannotBeListedAndListedItemsCannotBeUsedGivenOrDestroyed() {
        let world = world()
        let bottom = RuleWorld.give(world, .bottom, to: 0, equip: true)
        list(world, 0, row: bottom, price: 3)
        world.step()
        #expect(RuleWorld.events(world, .listItem).isEmpty && world.inventory.price[bottom] == 0)

        RuleWorld.place(world, 1, 20, 21)
        let hat = RuleWorld.give(world, .hat, to: 0)
        let potion = RuleWorld.give(world, .potion, to: 0)
        list(world, 0, row: hat, price: 3)
        world.step()
        list(world, 0, row: potion, price: 3)
        world.step()
        world.entities.health[0] = 50
        let slots = world.inventory.slots
        world.intents.use[0] = Int32(hat % slots)
        world.intents.giveItem[0] = Int32(potion % slots)
        world.intents.giveTarget[0] = 1
        world.step()
        world.intents.use[0] = Int32(potion % slots)
        world.intents.destroy[0] = Int32(hat % slots)
        world.step()
        for kind in [EventKind.equipItem, .consumeItem, .giveItem, .destroyItem] { #expect(RuleWorld.events(world, kind).isEmpty) }
        #expect(world.inventory.kind[hat] == ItemKind.hat.rawValue && world.inventory.equipped[hat] == 0)
        #expect(world.inventory.kind[potion] == ItemKind.potion.rawValue && world.entities.health[0] == 50)
        #expect(RuleWorld.itemCount(world, 1) == 0)
        RuleWorld.expectConsistent(world)
    }

    @Test func relistingChangesThePriceAndRestartsTheClock() {
        let world = world()
        let hat = RuleWorld.give(world, .hat, to: 0)
        list(world, 0, row: hat, price: 9)
        world.step()
        world.step()
        list(world, 0, row: hat, price: 4)
        world.step()
        #expect(world.inventory.price[hat] == 4 && world.inventory.listedUntil[hat] == 6)
        #expect(world.market.bestPrice[Int(RuleWorld.entry(.hat))] == 4)
    }

    @Test func aFullInventoryBuysNothingUnlessTheAmmunitionStacks() {
        let world = world()
        let hat = RuleWorld.give(world, .hat, to: 0)
        let runes = RuleWorld.give(world, .runes, level: 2, quantity: 3, to: 0)
        list(world, 0, row: hat, price: 2)
        world.step()
        list(world, 0, row: runes, price: 2)
        world.step()
        RuleWorld.give(world, .runes, level: 2, quantity: 1, to: 1)
        RuleWorld.fillInventory(world, of: 1)
        world.intents.buy[1] = RuleWorld.entry(.hat)
        world.step()
        #expect(RuleWorld.events(world, .buyItem).isEmpty && world.entities.gold[1] == 20 && world.inventory.price[hat] == 2)
        world.intents.buy[1] = RuleWorld.entry(.runes, 2)
        world.step()
        #expect(RuleWorld.events(world, .buyItem).count == 1 && world.entities.gold[1] == 18)
        let stack = RuleWorld.rows(world, 1, .runes)
        #expect(stack.count == 1 && world.inventory.quantity[stack[0]] == 4)
        RuleWorld.expectConsistent(world)
    }

    /// Players 1 and 2 both buy player 0's only listing; returns the winner.
    private func winner(seed: UInt64) -> Int32? {
        let world = world(seed: seed)
        let spear = RuleWorld.give(world, .spear, to: 0)
        list(world, 0, row: spear, price: 3)
        world.step()
        world.intents.buy[1] = RuleWorld.entry(.spear)
        world.intents.buy[2] = RuleWorld.entry(.spear)
        world.step()
        let buys = RuleWorld.events(world, .buyItem)
        #expect(buys.count == 1)
        #expect(world.entities.gold[0] == 23)
        return buys.first?.entity
    }

    @Test func simultaneousBuyersAreServedInASeededOrder() {
        let winners = (1...24).map { winner(seed: UInt64($0)) }
        #expect(winners == (1...24).map { winner(seed: UInt64($0)) })
        #expect(Set(winners.compactMap { $0 }) == [1, 2])
    }

    @Test func aDeadSellersListingsLeaveTheMarketAtOnce() {
        let world = RuleWorld.make(RuleWorld.config(players: 2), positions: [(32, 32), (32, 33)])
        let hat = RuleWorld.give(world, .hat, to: 1)
        list(world, 1, row: hat, price: 4)
        world.step()
        #expect(world.market.listingCount[Int(RuleWorld.entry(.hat))] == 1)
        world.entities.health[1] = 1
        RuleWorld.attack(world, 0, 1, .melee)
        world.step()
        #expect(world.entities.alive[1] == 0)
        // The killer looted the hat, unlisted; the board no longer shows it.
        let looted = RuleWorld.rows(world, 0, .hat)
        #expect(looted.count == 1 && world.inventory.price[looted[0]] == 0)
        #expect(world.market.listingCount[Int(RuleWorld.entry(.hat))] == 0 && world.market.bestPrice[Int(RuleWorld.entry(.hat))] == 0)
        RuleWorld.expectConsistent(world)
    }

    @Test func theMarketCanBeSwitchedOff() {
        var config = RuleWorld.config(players: 2)
        config.exchange.enabled = false
        let world = RuleWorld.make(config, positions: [(32, 32), (32, 33)])
        let hat = RuleWorld.give(world, .hat, to: 0)
        list(world, 0, row: hat, price: 1)
        world.intents.giveGoldAmount[0] = 1
        world.intents.giveGoldTarget[0] = 1
        world.step()
        #expect(world.inventory.price[hat] == 0 && world.entities.gold[0] == 1)
    }
}
