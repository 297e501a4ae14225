import Testing
@testable import MMOCore
@testable import MMOTasks

/// HarvestItem, ConsumeItem, EquipItem, OwnItem, InventorySpaceGE.
struct ItemPredicateTests {
    private let team = Subject(members: [0, 1])
    private let potion = Int(ItemKind.potion.rawValue)

    @Test func harvestItemCountsHarvestsOfTheKindAndLevel() {
        let game = TaskWorld(overrides: [(20, 20, .herb), (20, 21, .herb), (30, 30, .herb)], positions: [(20, 19), (29, 30)])
        let any = TaskPredicate.harvestItem(item: potion, level: 1, quantity: 2)
        let better = TaskPredicate.harvestItem(item: potion, level: 2, quantity: 1)
        #expect(game.progress(any, .agent(0)) == 0)
        game.place(0, 20, 20)
        game.step()
        #expect(game.progress(any, .agent(0)) == 0.5)
        #expect(game.progress(better, .agent(0)) == 0)
        // Gloves make level-2 Potions.
        game.give(.gloves, level: 1, to: 0, equip: true)
        game.place(0, 20, 21)
        game.step()
        #expect(game.progress(any, .agent(0)) == 1)
        #expect(game.progress(better, .agent(0)) == 1)
        #expect(game.progress(.harvestItem(item: Int(ItemKind.ration.rawValue), level: 1, quantity: 1), .agent(0)) == 0)
        game.place(1, 30, 30)
        game.step()
        #expect(close(game.progress(.harvestItem(item: potion, level: 1, quantity: 3), team), 1))
        #expect(game.progress(.harvestItem(item: potion, level: 11, quantity: 1), team) == 0)
    }

    @Test func consumeItemCountsItemsUsedUp() {
        let game = TaskWorld(positions: [(20, 20), (30, 30)])
        let consume = TaskPredicate.consumeItem(item: Int(ItemKind.ration.rawValue), level: 1, quantity: 2)
        let first = game.give(.ration, to: 0)
        let second = game.give(.ration, to: 0)
        #expect(game.progress(consume, .agent(0)) == 0)
        game.world.intents.use[0] = Int32(first % game.world.inventory.slots)
        game.step()
        #expect(game.progress(consume, .agent(0)) == 0.5)
        game.world.intents.use[0] = Int32(second % game.world.inventory.slots)
        game.step()
        #expect(game.progress(consume, .agent(0)) == 1)
        #expect(game.progress(consume, .agent(1)) == 0)
    }

    @Test func equipItemCountsMembersWearingTheItem() {
        let game = TaskWorld(positions: [(20, 20), (30, 30)])
        let equip = TaskPredicate.equipItem(item: Int(ItemKind.hat.rawValue), level: 2, numAgent: 2)
        game.give(.hat, level: 3, to: 0)
        #expect(game.progress(equip, team) == 0)  // owned, not worn
        let hat = game.give(.hat, level: 2, to: 0)
        game.setLevel(0, .carving, 2)  // armour needs the highest skill at its level
        game.world.intents.use[0] = Int32(hat % game.world.inventory.slots)
        game.step()
        #expect(game.progress(equip, team) == 0.5)
        game.give(.hat, level: 1, to: 1, equip: true)
        #expect(game.progress(equip, team) == 0.5)
        game.give(.hat, level: 5, to: 1, equip: true)
        #expect(game.progress(equip, team) == 1)
        #expect(game.progress(.equipItem(item: Int(ItemKind.ration.rawValue), level: 1, numAgent: 1), team) == 0)
    }

    @Test func ownItemSumsQuantitiesHeld() {
        let game = TaskWorld(positions: [(20, 20), (30, 30)])
        let own = TaskPredicate.ownItem(item: Int(ItemKind.arrow.rawValue), level: 2, quantity: 10)
        game.give(.arrow, level: 1, quantity: 20, to: 0)
        #expect(game.progress(own, team) == 0)
        game.give(.arrow, level: 2, quantity: 3, to: 0)
        game.give(.arrow, level: 4, quantity: 2, to: 1)
        #expect(game.progress(own, team) == 0.5)
        #expect(game.progress(own, .agent(1)) == 0.2)
        game.give(.arrow, level: 2, quantity: 6, to: 1)
        #expect(game.progress(own, team) == 1)
        game.kill(1)
        #expect(game.progress(own, team) == 0.3)
    }

    @Test func inventorySpaceGENeedsRoomForEveryMember() {
        let game = TaskWorld(positions: [(20, 20), (30, 30)])
        let space = TaskPredicate.inventorySpaceGE(space: 4)
        #expect(game.progress(space, team) == 1)
        for _ in 0..<8 { game.give(.hat, to: 1) }
        #expect(game.progress(space, team) == 1)
        game.give(.top, to: 1)
        #expect(game.progress(space, team) == 0)
        #expect(game.progress(space, .agent(0)) == 1)
        // With nobody alive nobody lacks space, as in the reference.
        game.kill(0, 1)
        #expect(game.progress(space, team) == 1)
    }
}
