import Testing
@testable import MMOCore

/// What happens to gold and items on death.
struct LootRuleTests {
    @Test func aPlayerKilledByAPlayerGivesGoldAndItemsToTheKiller() {
        let world = RuleWorld.make(RuleWorld.config(players: 2), positions: [(32, 32), (32, 33)])
        RuleWorld.setGold(world, 0, 3)
        RuleWorld.setGold(world, 1, 9)
        RuleWorld.give(world, .hat, level: 2, to: 1, equip: true)
        RuleWorld.give(world, .arrow, level: 1, quantity: 6, to: 1)
        RuleWorld.give(world, .potion, level: 3, to: 1)
        RuleWorld.give(world, .arrow, level: 1, quantity: 2, to: 0)  // the looted arrows merge into this stack
        world.entities.health[1] = 1
        RuleWorld.attack(world, 0, 1, .melee)
        world.step()
        #expect(world.entities.alive[1] == 0 && world.entities.deathTick[1] == 1)
        let kill = RuleWorld.events(world, .playerKill)
        #expect(kill.count == 1 && kill.first?.entity == 0 && kill.first?.target == 1 && kill.first?.type == Int16(EntityKind.player.rawValue))
        let death = RuleWorld.events(world, .death).first
        #expect(death?.entity == 1 && death?.type == DeathCause.combat.rawValue && death?.target == 0)
        #expect(world.entities.gold[0] == 12 && world.entities.gold[1] == 0)
        let lootGold = RuleWorld.events(world, .lootGold)
        #expect(lootGold.count == 1 && lootGold.first?.gold == 9 && lootGold.first?.target == 1)
        #expect(RuleWorld.events(world, .lootItem).count == 3)
        #expect(RuleWorld.itemCount(world, 1) == 0)
        #expect(RuleWorld.rows(world, 0, .hat).count == 1 && RuleWorld.rows(world, 0, .potion).count == 1)
        let arrows = RuleWorld.rows(world, 0, .arrow)
        #expect(arrows.count == 1 && world.inventory.quantity[arrows[0]] == 8)
        // The looted hat arrives unequipped.
        #expect(world.inventory.equipped[RuleWorld.rows(world, 0, .hat)[0]] == 0)
        #expect(world.goldDestroyed == 0)
        #expect(world.livingPlayers == 1)
        RuleWorld.expectConsistent(world)
    }

    @Test func lootBeyondTheKillersRoomIsDestroyed() {
        let world = RuleWorld.make(RuleWorld.config(players: 2), positions: [(32, 32), (32, 33)])
        for _ in 0..<(world.inventory.slots - 1) { RuleWorld.give(world, .top, to: 0) }
        for kind in [ItemKind.rod, .gloves, .axe] { RuleWorld.give(world, kind, to: 1) }
        world.entities.health[1] = 1
        RuleWorld.attack(world, 0, 1, .range)
        world.step()
        #expect(RuleWorld.events(world, .lootItem).count == 1)
        #expect(world.inventory.freeSlots(of: 0) == 0)
        #expect(RuleWorld.itemCount(world, 1) == 0)
        let tools = [ItemKind.rod, .gloves, .axe].map { RuleWorld.rows(world, 0, $0).count }
        #expect(tools.reduce(0, +) == 1)
        RuleWorld.expectConsistent(world)
    }

    @Test func starvationDestroysItemsAndGold() {
        let world = RuleWorld.make(RuleWorld.config(players: 2), positions: [(32, 32), (32, 33)])
        RuleWorld.setGold(world, 1, 7)
        RuleWorld.give(world, .bow, to: 1, equip: true)
        RuleWorld.give(world, .ration, to: 1)
        // Hit earlier by player 0 (who must not get the loot), then starving.
        RuleWorld.attack(world, 0, 1, .melee)
        world.step()
        world.entities.food[1] = 0
        world.entities.water[1] = 0
        world.entities.health[1] = 15
        world.step()
        #expect(world.entities.alive[1] == 0)
        let death = RuleWorld.events(world, .death).first
        #expect(death?.type == DeathCause.starvation.rawValue)
        #expect(death?.target == -1)
        #expect(RuleWorld.events(world, .playerKill).isEmpty && RuleWorld.events(world, .lootItem).isEmpty && RuleWorld.events(world, .lootGold).isEmpty)
        #expect(world.entities.gold[0] == 1 && world.entities.gold[1] == 0)
        #expect(world.goldDestroyed == 7)
        #expect(RuleWorld.itemCount(world, 0) == 0 && RuleWorld.itemCount(world, 1) == 0)
        RuleWorld.expectConsistent(world)
    }

    @Test func aPlayerKilledByAnNPCLosesItemsAndGold() {
        let world = RuleWorld.make(RuleWorld.config(players: 2, npcs: 1), positions: [(32, 32), (40, 40)])
        RuleWorld.setGold(world, 0, 4)
        RuleWorld.give(world, .spear, to: 0)
        let npc = RuleWorld.spawnNPC(world, kind: .hostileNPC, level: 5, row: 32, col: 34, offense: 200, style: .mage)
        world.step()
        #expect(world.entities.alive[0] == 0)
        let death = RuleWorld.events(world, .death).first
        #expect(death?.type == DeathCause.combat.rawValue && death?.target == Int32(npc))
        #expect(RuleWorld.events(world, .playerKill).isEmpty && RuleWorld.events(world, .lootGold).isEmpty)
        #expect(world.goldDestroyed == 4)
        #expect(world.entities.gold[npc] == 5)  // an NPC gains nothing
        #expect(RuleWorld.itemCount(world, 0) == 0)
        RuleWorld.expectConsistent(world)
    }

    @Test func anNPCKilledByAPlayerDropsItsGoldAndAnArmourPieceAndAToolOfItsLevel() {
        let world = RuleWorld.make(RuleWorld.config(players: 1, npcs: 1), positions: [(32, 32)])
        let npc = RuleWorld.spawnNPC(world, kind: .passiveNPC, level: 4, row: 32, col: 35, health: 3)
        let created = world.goldCreated
        RuleWorld.attack(world, 0, npc, .mage)
        world.step()
        #expect(world.entities.alive[npc] == 0 && world.entities.kind[npc] == .empty)
        let kill = RuleWorld.events(world, .playerKill).first
        #expect(kill?.entity == 0 && kill?.target == Int32(npc) && kill?.type == Int16(EntityKind.passiveNPC.rawValue) && kill?.level == 4)
        #expect(world.entities.gold[0] == 1 + 4)
        #expect(world.goldCreated == created + 4)
        #expect(RuleWorld.events(world, .lootGold).first?.gold == 4)
        let loot = RuleWorld.events(world, .lootItem)
        #expect(loot.count == 2)
        let kinds = (0..<world.inventory.slots).compactMap { world.inventory.item(at: world.inventory.row(0, $0)) }
        #expect(kinds.count == 2)
        #expect(kinds.filter { ItemKind.armour.contains($0) }.count == 1 && kinds.filter { ItemKind.tools.contains($0) }.count == 1)
        #expect((0..<world.inventory.slots).allSatisfy { world.inventory.kind[$0] == 0 || world.inventory.level[$0] == 4 })
        #expect(world.tiles.occupant[world.tiles.index(row: 32, col: 35)] == -1)
        RuleWorld.expectConsistent(world)
    }

    @Test func npcDropsIntoAFullInventoryAreLostButTheGoldIsNot() {
        let world = RuleWorld.make(RuleWorld.config(players: 1, npcs: 1), positions: [(32, 32)])
        RuleWorld.fillInventory(world, of: 0)
        let npc = RuleWorld.spawnNPC(world, kind: .neutralNPC, level: 2, row: 32, col: 33, health: 1)
        RuleWorld.attack(world, 0, npc, .melee)
        world.step()
        #expect(world.entities.alive[npc] == 0)
        #expect(RuleWorld.events(world, .lootItem).isEmpty)
        #expect(world.entities.gold[0] == 3)
        #expect(RuleWorld.rows(world, 0, .hat).count == world.inventory.slots)
        RuleWorld.expectConsistent(world)
    }
}
