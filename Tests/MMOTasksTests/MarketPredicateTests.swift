import Testing
@testable import MMOCore
@testable import MMOTasks

/// HoardGold, EarnGold, SpendGold, MakeProfit, ListItem, BuyItem, driven through the market.
struct MarketPredicateTests {
    private let team = Subject(members: [0, 1])
    private let hat = Int(ItemKind.hat.rawValue)

    /// Player 0 sells two level-1 Hats to player 1 at 5 gold each: list, buy, list, buy.
    private func trade(_ game: TaskWorld, check: (Int) -> Void) {
        let world = game.world
        let rows = [game.give(.hat, to: 0), game.give(.hat, to: 0)]
        world.entities.gold[1] = 20
        check(0)
        for (sale, row) in rows.enumerated() {
            world.intents.sellItem[0] = Int32(row % world.inventory.slots)
            world.intents.sellPrice[0] = 5
            game.step()
            world.intents.buy[1] = Int32(MarketBoard.entry(kind: .hat, level: 1))
            game.step()
            check(sale + 1)
        }
    }

    @Test func hoardGoldSumsLivingMembersGold() {
        let game = TaskWorld(positions: [(20, 20), (30, 30)])
        let hoard = TaskPredicate.hoardGold(amount: 10)
        game.world.entities.gold[0] = 0
        game.world.entities.gold[1] = 0
        #expect(game.progress(hoard, team) == 0)
        game.world.entities.gold[0] = 3
        game.world.entities.gold[1] = 2
        #expect(game.progress(hoard, team) == 0.5)
        game.world.entities.gold[1] = 9
        #expect(game.progress(hoard, team) == 1)
    }

    @Test func earnGoldCountsSales() {
        let game = TaskWorld(positions: [(20, 20), (30, 30)])
        trade(game) { sales in
            #expect(game.progress(.earnGold(amount: 10), .agent(0)) == Float(sales) * 0.5)
            #expect(game.progress(.earnGold(amount: 10), .agent(1)) == 0)
        }
    }

    @Test func earnGoldCountsLoot() {
        let game = TaskWorld(npcs: 2, positions: [(20, 20), (30, 30)])
        game.attack(0, game.spawnNPC(level: 3, row: 21, col: 21, health: 1), .melee)
        game.step()
        #expect(game.progress(.earnGold(amount: 6), .agent(0)) == 0.5)
        #expect(game.progress(.earnGold(amount: 3), .agent(0)) == 1)
    }

    @Test func spendGoldCountsPurchases() {
        let game = TaskWorld(positions: [(20, 20), (30, 30)])
        trade(game) { sales in
            #expect(game.progress(.spendGold(amount: 10), .agent(1)) == Float(sales) * 0.5)
            #expect(game.progress(.spendGold(amount: 10), .agent(0)) == 0)
        }
    }

    @Test func makeProfitIsEarnedMinusSpent() {
        let game = TaskWorld(positions: [(20, 20), (30, 30)])
        trade(game) { sales in
            #expect(game.progress(.makeProfit(amount: 10), .agent(0)) == Float(sales) * 0.5)
            #expect(game.progress(.makeProfit(amount: 10), .agent(1)) == 0)
            // The team's gold only changed hands.
            #expect(game.progress(.makeProfit(amount: 10), team) == 0)
        }
    }

    @Test func listItemCountsListings() {
        let game = TaskWorld(positions: [(20, 20), (30, 30)])
        trade(game) { sales in
            #expect(game.progress(.listItem(item: hat, level: 1, quantity: 2), .agent(0)) == Float(sales) * 0.5)
            #expect(game.progress(.listItem(item: hat, level: 2, quantity: 2), .agent(0)) == 0)
        }
    }

    @Test func buyItemCountsPurchases() {
        let game = TaskWorld(positions: [(20, 20), (30, 30)])
        trade(game) { sales in
            #expect(game.progress(.buyItem(item: hat, level: 1, quantity: 2), .agent(1)) == Float(sales) * 0.5)
            #expect(game.progress(.buyItem(item: hat, level: 1, quantity: 2), team) == Float(sales) * 0.5)
            #expect(game.progress(.buyItem(item: Int(ItemKind.top.rawValue), level: 1, quantity: 1), .agent(1)) == 0)
        }
    }
}
