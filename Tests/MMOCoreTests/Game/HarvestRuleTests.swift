import Testing
@testable import MMOCore

/// The five professions: product, level, tool, depletion, XP and the rare weapon.
struct HarvestRuleTests {
    struct Profession: Sendable, CustomStringConvertible {
        var resource: Material
        var depleted: Material
        var skill: Skill
        var product: ItemKind
        var tool: ItemKind
        var rare: ItemKind?
        var experience: Int32
        /// Fishing harvests the Fish tile north of the player; the others the tile underfoot.
        var adjacent: Bool
        var description: String { skill.name }
    }

    static let professions: [Profession] = [
        Profession(resource: .fish, depleted: .ocean, skill: .fishing, product: .ration, tool: .rod, rare: nil, experience: 30, adjacent: true),
        Profession(resource: .herb, depleted: .weeds, skill: .herbalism, product: .potion, tool: .gloves, rare: nil, experience: 30, adjacent: false),
        Profession(resource: .ore, depleted: .slag, skill: .prospecting, product: .whetstone, tool: .pickaxe, rare: .wand, experience: 15, adjacent: false),
        Profession(resource: .tree, depleted: .stump, skill: .carving, product: .arrow, tool: .axe, rare: .spear, experience: 15, adjacent: false),
        Profession(resource: .crystal, depleted: .fragment, skill: .alchemy, product: .runes, tool: .chisel, rare: .bow, experience: 15, adjacent: false),
    ]

    private func world(for profession: Profession, rarePermille: Int = 0) -> (World, row: Int, col: Int) {
        var config = RuleWorld.config(players: 1)
        config.progression.rareWeaponPermille = rarePermille
        let tile = profession.adjacent ? (31, 32) : (32, 32)
        let world = RuleWorld.make(config, overrides: [(tile.0, tile.1, profession.resource)], positions: [(32, 32)])
        return (world, tile.0, tile.1)
    }

    @Test(arguments: professions)
    func harvestWithoutAToolGivesLevelOne(profession: Profession) {
        let (world, row, col) = world(for: profession)
        world.step()
        let harvests = RuleWorld.events(world, .harvestItem)
        #expect(harvests.count == 1)
        #expect(harvests.first?.type == Int16(profession.product.rawValue) && harvests.first?.level == 1)
        let rows = RuleWorld.rows(world, 0, profession.product)
        #expect(rows.count == 1 && world.inventory.level[rows[0]] == 1 && world.inventory.quantity[rows[0]] == 1)
        #expect(world.tiles.material(row: row, col: col) == profession.depleted)
        #expect(world.entities.experience(0, profession.skill) == profession.experience)
        #expect(RuleWorld.itemCount(world, 0) == 1)
        RuleWorld.expectConsistent(world)
    }

    @Test(arguments: professions)
    func theMatchingHeldToolRaisesTheLevelUpToTen(profession: Profession) {
        for (toolLevel, expected) in [(1, 2), (3, 4), (9, 10), (10, 10)] as [(Int32, Int16)] {
            let (world, _, _) = world(for: profession)
            RuleWorld.give(world, profession.tool, level: toolLevel, to: 0, equip: true)
            world.step()
            #expect(RuleWorld.events(world, .harvestItem).first?.level == expected, "\(profession) tool \(toolLevel)")
            #expect(RuleWorld.rows(world, 0, profession.product).map { world.inventory.level[$0] } == [Int32(expected)])
        }
        // Another profession's tool, or a tool carried but not held, does not help.
        let other: ItemKind = profession.tool == .rod ? .axe : .rod
        let (wrong, _, _) = world(for: profession)
        RuleWorld.give(wrong, other, level: 5, to: 0, equip: true)
        RuleWorld.give(wrong, profession.tool, level: 5, to: 0)
        wrong.step()
        #expect(RuleWorld.events(wrong, .harvestItem).first?.level == 1)
    }

    @Test(arguments: professions.filter { $0.rare != nil })
    func theRareWeaponComesWithTheAmmunition(profession: Profession) {
        let (world, row, col) = world(for: profession, rarePermille: 1000)
        RuleWorld.give(world, profession.tool, level: 2, to: 0, equip: true)
        world.step()
        let harvests = RuleWorld.events(world, .harvestItem)
        #expect(harvests.map(\.type) == [Int16(profession.product.rawValue), Int16(profession.rare!.rawValue)])
        #expect(harvests.allSatisfy { $0.level == 3 && $0.number == 1 })
        #expect(RuleWorld.rows(world, 0, profession.rare!).count == 1)
        #expect(RuleWorld.rows(world, 0, profession.product).count == 1)
        #expect(world.tiles.material(row: row, col: col) == profession.depleted)
        // One harvest, one helping of XP.
        #expect(world.entities.experience(0, profession.skill) == 15)
        RuleWorld.expectConsistent(world)
    }

    @Test(arguments: professions.filter { $0.rare != nil })
    func aRareWeaponWithoutRoomIsLostButTheAmmunitionStillStacks(profession: Profession) {
        let (world, row, col) = world(for: profession, rarePermille: 1000)
        let stack = RuleWorld.give(world, profession.product, level: 1, quantity: 2, to: 0)
        RuleWorld.fillInventory(world, of: 0)
        world.step()
        #expect(RuleWorld.events(world, .harvestItem).map(\.type) == [Int16(profession.product.rawValue)])
        #expect(world.inventory.quantity[stack] == 3)
        #expect(RuleWorld.rows(world, 0, profession.rare!).isEmpty)
        #expect(world.tiles.material(row: row, col: col) == profession.depleted)
    }

    /// With the default 2.5%, over 6,000 harvests (2,000 per ammunition profession, the tile
    /// regrowing every tick) every harvest gives its ammunition and about 150 also give the weapon
    /// (standard deviation about 12).
    @Test func rareWeaponsComeFromAnIndependentRollBesideEveryAmmunitionHarvest() {
        var weapons = 0
        for (index, profession) in Self.professions.filter({ $0.rare != nil }).enumerated() {
            var config = RuleWorld.config(players: 1)
            #expect(config.progression.rareWeaponPermille == 25)
            config.resources.oreRespawn = 1
            config.resources.treeRespawn = 1
            config.resources.crystalRespawn = 1
            let world = RuleWorld.make(config, overrides: [(32, 32, profession.resource)], positions: [(32, 32)], seed: UInt64(index + 1))
            for tick in 1...2000 {
                world.step()
                let harvests = RuleWorld.events(world, .harvestItem).map(\.type)
                #expect(harvests.first == Int16(profession.product.rawValue), "tick \(tick)")
                let weaponRows = RuleWorld.rows(world, 0, profession.rare!)
                #expect(harvests.dropFirst() == (weaponRows.isEmpty ? [] : [Int16(profession.rare!.rawValue)]), "tick \(tick)")
                weapons += weaponRows.count
                for weapon in weaponRows { world.inventory.remove(at: weapon) }
            }
            let ammunition = RuleWorld.rows(world, 0, profession.product)
            #expect(ammunition.count == 1 && world.inventory.quantity[ammunition[0]] == 2000)
        }
        #expect((110...190).contains(weapons), "\(weapons) rare weapons in 6000 harvests")
    }

    @Test(arguments: professions)
    func aFullInventoryHarvestsNothingAndTheTileStays(profession: Profession) {
        let (world, row, col) = world(for: profession)
        RuleWorld.fillInventory(world, of: 0)
        world.step()
        #expect(RuleWorld.events(world, .harvestItem).isEmpty)
        #expect(world.tiles.material(row: row, col: col) == profession.resource)
        #expect(world.entities.experience(0, profession.skill) == 0)
        #expect(RuleWorld.rows(world, 0, .hat).count == world.inventory.slots)
    }

    @Test(arguments: professions.filter { $0.product.stacks })
    func ammunitionMergesIntoItsStackEvenWhenTheInventoryIsFull(profession: Profession) {
        let (world, row, col) = world(for: profession)
        let stack = RuleWorld.give(world, profession.product, level: 1, quantity: 4, to: 0)
        RuleWorld.give(world, profession.product, level: 2, quantity: 1, to: 0)  // another level: its own stack
        RuleWorld.fillInventory(world, of: 0)
        world.step()
        #expect(RuleWorld.events(world, .harvestItem).count == 1)
        #expect(world.inventory.quantity[stack] == 5)
        #expect(RuleWorld.rows(world, 0, profession.product).count == 2)
        #expect(world.tiles.material(row: row, col: col) == profession.depleted)
        RuleWorld.expectConsistent(world)
    }

    @Test func harvestingLevelsUpTheProfession() {
        let (world, _, _) = world(for: Self.professions[1])  // Herbalism, 30 XP
        RuleWorld.setExperience(world, 0, .herbalism, 60)
        world.step()
        #expect(world.entities.level(0, .herbalism) == 2)
        let levelUp = RuleWorld.events(world, .levelUp).first
        #expect(levelUp?.type == Int16(Skill.herbalism.rawValue) && levelUp?.level == 2)
    }

    @Test func depletedTilesGrowBackAndCanBeHarvestedAgain() {
        var config = RuleWorld.config(players: 1)
        config.resources.treeRespawn = 1
        let world = RuleWorld.make(config, overrides: [(32, 32, .tree)], positions: [(32, 32)])
        for _ in 0..<3 { world.step() }
        let arrows = RuleWorld.rows(world, 0, .arrow)
        #expect(arrows.count == 1 && world.inventory.quantity[arrows[0]] == 3)
        #expect(world.entities.experience(0, .carving) == 45)
    }
}
