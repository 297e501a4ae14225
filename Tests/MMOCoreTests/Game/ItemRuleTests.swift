import Testing
@testable import MMOCore

/// Item stats, equip and use rules, consumables, full inventories and stacking.
struct ItemRuleTests {
    private typealias Triple = (Int32, Int32, Int32)

    private func stats(_ kind: ItemKind, _ level: Int32, competition: Bool = false) -> ItemStats {
        ItemStats(kind: kind, level: level, rules: competition ? Config.competition2023.items : Config.default.items)
    }

    private func same(_ a: Triple, _ b: Triple) -> Bool { a.0 == b.0 && a.1 == b.1 && a.2 == b.2 }

    @Test func statsOfEveryItemAtLevelsOneAndTen() {
        for kind in ItemKind.armour {
            #expect(same(stats(kind, 1).defense, (3, 3, 3)) && same(stats(kind, 1).attack, (0, 0, 0)))
            #expect(same(stats(kind, 10).defense, (30, 30, 30)))
            #expect(same(stats(kind, 1, competition: true).defense, (10, 10, 10)))
            #expect(same(stats(kind, 10, competition: true).defense, (100, 100, 100)))
        }
        #expect(same(stats(.spear, 1).attack, (10, 0, 0)) && same(stats(.spear, 10).attack, (55, 0, 0)))
        #expect(same(stats(.bow, 1).attack, (0, 10, 0)) && same(stats(.bow, 10).attack, (0, 55, 0)))
        #expect(same(stats(.wand, 1).attack, (0, 0, 10)) && same(stats(.wand, 10).attack, (0, 0, 55)))
        #expect(same(stats(.spear, 1).defense, (0, 0, 0)))
        #expect(same(stats(.spear, 1, competition: true).attack, (30, 0, 0)) && same(stats(.wand, 10, competition: true).attack, (0, 0, 165)))
        for kind in ItemKind.tools {
            for level: Int32 in [1, 10] {
                #expect(same(stats(kind, level).defense, (15, 15, 15)) && same(stats(kind, level).attack, (0, 0, 0)))
                #expect(same(stats(kind, level, competition: true).defense, (30, 30, 30)))
            }
        }
        // Ammunition: 5 + 10 x level, stored capped at 100 (level 10 gives 100, not 105).
        #expect(same(stats(.whetstone, 1).attack, (15, 0, 0)) && same(stats(.whetstone, 10).attack, (100, 0, 0)))
        #expect(same(stats(.arrow, 1).attack, (0, 15, 0)) && same(stats(.arrow, 9).attack, (0, 95, 0)) && same(stats(.arrow, 10).attack, (0, 100, 0)))
        #expect(same(stats(.runes, 1).attack, (0, 0, 15)) && same(stats(.runes, 10).attack, (0, 0, 100)))
        #expect(same(stats(.runes, 1, competition: true).attack, (0, 0, 30)))
        // Consumables: 50 + 5 x level.
        #expect(stats(.ration, 1).resourceRestore == 55 && stats(.ration, 1).healthRestore == 0 && stats(.ration, 10).resourceRestore == 100)
        #expect(stats(.potion, 1).healthRestore == 55 && stats(.potion, 1).resourceRestore == 0 && stats(.potion, 10).healthRestore == 100)
    }

    /// A one-player world holding `kind` at `level`; returns whether Use equipped it.
    private func tryEquip(_ kind: ItemKind, level: Int32, skills: [(Skill, Int)]) -> Bool {
        let world = RuleWorld.make(RuleWorld.config(players: 1), positions: [(32, 32)])
        for (skill, skillLevel) in skills { RuleWorld.setLevel(world, 0, skill, skillLevel) }
        let row = RuleWorld.give(world, kind, level: level, quantity: 1, to: 0)
        world.intents.use[0] = Int32(row % world.inventory.slots)
        world.step()
        let equipped = world.inventory.equipped[row] == 1
        #expect(equipped == !RuleWorld.events(world, .equipItem).isEmpty)
        if equipped {
            #expect(world.inventory.equippedRow(0, kind.equipmentSlot!) == row)
            let event = RuleWorld.events(world, .equipItem).first
            #expect(event?.type == Int16(kind.rawValue) && event?.level == Int16(level))
        }
        return equipped
    }

    @Test func equippingNeedsTheMatchingSkillLevel() {
        let required: [(ItemKind, Skill)] = [(.spear, .melee), (.bow, .range), (.wand, .mage), (.whetstone, .melee), (.arrow, .range), (.runes, .mage),
                                             (.rod, .fishing), (.gloves, .herbalism), (.pickaxe, .prospecting), (.axe, .carving), (.chisel, .alchemy)]
        for (kind, skill) in required {
            #expect(tryEquip(kind, level: 1, skills: []), "\(kind) level 1")
            #expect(!tryEquip(kind, level: 4, skills: [(skill, 3)]), "\(kind) level 4 with \(skill) 3")
            #expect(tryEquip(kind, level: 4, skills: [(skill, 4)]), "\(kind) level 4 with \(skill) 4")
            // Another skill's level does not count.
            let other: Skill = skill == .alchemy ? .fishing : .alchemy
            #expect(!tryEquip(kind, level: 4, skills: [(other, 10)]), "\(kind) level 4 with \(other) 10")
        }
        // Armour: the highest skill level, whichever it is.
        for kind in ItemKind.armour {
            #expect(!tryEquip(kind, level: 5, skills: [(.melee, 4), (.carving, 4)]))
            #expect(tryEquip(kind, level: 5, skills: [(.carving, 5)]))
            #expect(tryEquip(kind, level: 5, skills: [(.mage, 6)]))
        }
    }

    @Test func equipReplacesTheItemInTheSlotAndUseUnequips() {
        let world = RuleWorld.make(RuleWorld.config(players: 1), positions: [(32, 32)])
        let spear = RuleWorld.give(world, .spear, to: 0)
        let pickaxe = RuleWorld.give(world, .pickaxe, to: 0)
        let hat = RuleWorld.give(world, .hat, to: 0)
        let slots = world.inventory.slots
        for row in [spear, hat, pickaxe] {
            world.intents.use[0] = Int32(row % slots)
            world.step()
        }
        #expect(world.inventory.equippedRow(0, .held) == pickaxe)
        #expect(world.inventory.equipped[spear] == 0 && world.inventory.equipped[pickaxe] == 1)
        #expect(world.inventory.equippedRow(0, .hat) == hat)
        RuleWorld.expectConsistent(world)
        // Use on the equipped pickaxe takes it off; the hat stays.
        world.intents.use[0] = Int32(pickaxe % slots)
        world.step()
        #expect(world.inventory.equippedRow(0, .held) == nil && world.inventory.equipped[pickaxe] == 0)
        #expect(RuleWorld.events(world, .equipItem).isEmpty)
        #expect(world.inventory.equippedRow(0, .hat) == hat)
        #expect(RuleWorld.itemCount(world, 0) == 3)
        RuleWorld.expectConsistent(world)
    }

    @Test func rationsAndPotionsRestoreUpToTheMaximum() {
        let world = RuleWorld.make(RuleWorld.config(players: 1), positions: [(32, 32)])
        RuleWorld.setLevel(world, 0, .herbalism, 3)
        let ration = RuleWorld.give(world, .ration, level: 3, to: 0)
        world.entities.food[0] = 20
        world.entities.water[0] = 60
        world.intents.use[0] = Int32(ration % world.inventory.slots)
        world.step()
        #expect(world.entities.food[0] == 85 && world.entities.water[0] == 100)  // +65 each, capped
        #expect(world.inventory.kind[ration] == 0)
        let consumed = RuleWorld.events(world, .consumeItem).first
        #expect(consumed?.type == Int16(ItemKind.ration.rawValue) && consumed?.level == 3)

        let potion = RuleWorld.give(world, .potion, level: 2, to: 0)
        world.entities.health[0] = 30
        world.intents.use[0] = Int32(potion % world.inventory.slots)
        world.step()
        #expect(world.entities.health[0] == 90)  // +60
        let big = RuleWorld.give(world, .potion, level: 1, to: 0)
        world.intents.use[0] = Int32(big % world.inventory.slots)
        world.step()
        #expect(world.entities.health[0] == 100)
        #expect(RuleWorld.itemCount(world, 0) == 0)
    }

    @Test func consumablesNeedTheHighestSkillLevel() {
        let world = RuleWorld.make(RuleWorld.config(players: 1), positions: [(32, 32)])
        let potion = RuleWorld.give(world, .potion, level: 4, to: 0)
        world.entities.health[0] = 10
        world.intents.use[0] = Int32(potion % world.inventory.slots)
        world.step()
        #expect(RuleWorld.events(world, .consumeItem).isEmpty && world.inventory.kind[potion] == ItemKind.potion.rawValue)
        RuleWorld.setLevel(world, 0, .prospecting, 4)  // any skill counts
        world.intents.use[0] = Int32(potion % world.inventory.slots)
        world.step()
        #expect(RuleWorld.events(world, .consumeItem).count == 1 && world.inventory.kind[potion] == 0)
    }

    @Test func destroyRemovesAnItemAndItsEquipment() {
        let world = RuleWorld.make(RuleWorld.config(players: 1), positions: [(32, 32)])
        let hat = RuleWorld.give(world, .hat, to: 0, equip: true)
        let arrows = RuleWorld.give(world, .arrow, quantity: 7, to: 0)
        world.intents.destroy[0] = Int32(hat % world.inventory.slots)
        world.step()
        #expect(world.inventory.kind[hat] == 0 && world.inventory.equippedRow(0, .hat) == nil)
        world.intents.destroy[0] = Int32(arrows % world.inventory.slots)
        world.step()
        #expect(RuleWorld.events(world, .destroyItem).first?.number == 7)
        #expect(RuleWorld.itemCount(world, 0) == 0)
        RuleWorld.expectConsistent(world)
    }

    @Test func ammunitionStacksPerKindAndLevel() {
        let world = RuleWorld.make(RuleWorld.config(players: 1), positions: [(32, 32)])
        let inventory = world.inventory
        let first = inventory.add(.arrow, level: 2, quantity: 3, to: 0)
        #expect(inventory.add(.arrow, level: 2, quantity: 4, to: 0) == first)
        #expect(inventory.quantity[inventory.row(0, first!)] == 7)
        #expect(inventory.add(.arrow, level: 3, to: 0) != first)
        #expect(inventory.add(.runes, level: 2, to: 0) != first)
        let hat1 = inventory.add(.hat, level: 1, to: 0), hat2 = inventory.add(.hat, level: 1, to: 0)
        #expect(hat1 != hat2)  // non-ammunition never stacks
        #expect(RuleWorld.itemCount(world, 0) == 5)
        RuleWorld.fillInventory(world, of: 0)
        #expect(inventory.add(.hat, level: 1, to: 0) == nil)
        #expect(inventory.add(.arrow, level: 2, to: 0) == first)
        #expect(inventory.add(.arrow, level: 4, to: 0) == nil)
    }
}
