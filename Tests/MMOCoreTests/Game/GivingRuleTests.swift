import Testing
@testable import MMOCore

/// Give and GiveGold, and communication tokens.
struct GivingRuleTests {
    private func give(_ world: World, _ player: Int, row: Int, to receiver: Int) {
        world.intents.giveItem[player] = Int32(row % world.inventory.slots)
        world.intents.giveTarget[player] = Int32(receiver)
    }

    private func giveGold(_ world: World, _ player: Int, _ amount: Int32, to receiver: Int) {
        world.intents.giveGoldAmount[player] = amount
        world.intents.giveGoldTarget[player] = Int32(receiver)
    }

    @Test func givingReachesSevenTilesButNotEight() {
        for (position, reaches) in [((39, 39), true), ((25, 30), true), ((40, 32), false), ((32, 24), false)] {
            let world = RuleWorld.make(RuleWorld.config(players: 2), positions: [(32, 32), position])
            RuleWorld.setGold(world, 0, 10)
            let hat = RuleWorld.give(world, .hat, level: 3, to: 0)
            give(world, 0, row: hat, to: 1)
            giveGold(world, 0, 4, to: 1)
            world.step()
            #expect(RuleWorld.rows(world, 1, .hat).count == (reaches ? 1 : 0), "\(position)")
            #expect(world.inventory.kind[hat] == (reaches ? 0 : ItemKind.hat.rawValue))
            #expect(world.entities.gold[0] == (reaches ? 6 : 10) && world.entities.gold[1] == (reaches ? 5 : 1))
            if reaches {
                let item = RuleWorld.events(world, .giveItem).first
                #expect(item?.entity == 0 && item?.target == 1 && item?.type == Int16(ItemKind.hat.rawValue) && item?.level == 3 && item?.number == 1)
                let gold = RuleWorld.events(world, .giveGold).first
                #expect(gold?.entity == 0 && gold?.target == 1 && gold?.gold == 4)
            } else {
                #expect(RuleWorld.events(world, .giveItem).isEmpty && RuleWorld.events(world, .giveGold).isEmpty)
            }
            RuleWorld.expectConsistent(world)
        }
    }

    @Test func notToSelfNotToNPCsNotToTheDead() {
        let world = RuleWorld.make(RuleWorld.config(players: 3, npcs: 1), positions: [(32, 32), (32, 33), (32, 34)])
        let npc = RuleWorld.spawnNPC(world, kind: .passiveNPC, row: 33, col: 32)
        RuleWorld.setGold(world, 0, 10)
        let hat = RuleWorld.give(world, .hat, to: 0)
        world.entities.health[2] = 0  // player 2 dies this tick
        world.step()
        #expect(world.entities.alive[2] == 0)
        for receiver in [0, npc, 2, -1, 99] {
            give(world, 0, row: hat, to: receiver)
            giveGold(world, 0, 1, to: receiver)
            world.step()
            #expect(RuleWorld.events(world, .giveItem).isEmpty && RuleWorld.events(world, .giveGold).isEmpty, "receiver \(receiver)")
        }
        #expect(world.inventory.kind[hat] == ItemKind.hat.rawValue && world.entities.gold[0] == 10)
        RuleWorld.expectConsistent(world)
    }

    @Test func goldGivenMustBeHeld() {
        let world = RuleWorld.make(RuleWorld.config(players: 2), positions: [(32, 32), (32, 33)])
        RuleWorld.setGold(world, 0, 5)
        for amount: Int32 in [6, 0, -3] {
            giveGold(world, 0, amount, to: 1)
            world.step()
            #expect(RuleWorld.events(world, .giveGold).isEmpty)
        }
        #expect(world.entities.gold[0] == 5 && world.entities.gold[1] == 1)
        giveGold(world, 0, 5, to: 1)
        world.step()
        #expect(world.entities.gold[0] == 0 && world.entities.gold[1] == 6)
        RuleWorld.expectConsistent(world)
    }

    @Test func equippedItemsAndFullReceiversKeepTheItem() {
        let world = RuleWorld.make(RuleWorld.config(players: 2), positions: [(32, 32), (32, 33)])
        let hat = RuleWorld.give(world, .hat, to: 0, equip: true)
        give(world, 0, row: hat, to: 1)
        world.step()
        #expect(RuleWorld.events(world, .giveItem).isEmpty && world.inventory.equippedRow(0, .hat) == hat)

        let top = RuleWorld.give(world, .top, to: 0)
        let arrows = RuleWorld.give(world, .arrow, level: 4, quantity: 5, to: 0)
        RuleWorld.give(world, .arrow, level: 4, quantity: 1, to: 1)
        RuleWorld.fillInventory(world, of: 1)
        give(world, 0, row: top, to: 1)
        world.step()
        #expect(RuleWorld.events(world, .giveItem).isEmpty && world.inventory.kind[top] == ItemKind.top.rawValue)
        // Ammunition merges into the receiver's stack even when it is full.
        give(world, 0, row: arrows, to: 1)
        world.step()
        #expect(RuleWorld.events(world, .giveItem).first?.number == 5)
        let stack = RuleWorld.rows(world, 1, .arrow)
        #expect(stack.count == 1 && world.inventory.quantity[stack[0]] == 6)
        #expect(world.inventory.kind[arrows] == 0)
        RuleWorld.expectConsistent(world)
    }

    @Test func commTokensBecomeMessages() {
        let world = RuleWorld.make(RuleWorld.config(players: 4), positions: [(32, 32), (32, 33), (32, 34), (32, 35)])
        let tokens: [Int32] = [1, 127, 0, 128]
        for (player, token) in tokens.enumerated() { world.intents.comm[player] = token }
        world.step()
        #expect((0..<4).map { world.entities.message[$0] } == [1, 127, 0, 0])
        world.intents.comm[0] = -5
        world.intents.comm[1] = 64
        world.step()
        // A message lasts one tick.
        #expect((0..<4).map { world.entities.message[$0] } == [0, 64, 0, 0])
    }

    @Test func commIsOffInTheCompetitionRules() {
        let world = RuleWorld.make(RuleWorld.config(players: 2, competition: true), positions: [(32, 32), (32, 33)])
        #expect(!Config.competition2023.comm.enabled)
        world.intents.comm[0] = 5
        world.step()
        #expect(world.entities.message[0] == 0)
    }
}
