import MMOCore
import MMOEnv
import Testing

/// Every action head driven end to end through `VecEnv.step` (`HeadDriver`): an option chosen
/// through the observation, as a user would, changes the world as the rules say, and a masked-out
/// option is ignored and counted as illegal.
struct ActionHeadEndToEndTests {
    @Test func moveStepsOntoPassableTiles() throws {
        let driver = try HeadDriver(overrides: [(row: 32, col: 33, material: .water)])
        let east = Int(Direction.east.rawValue), north = Int(Direction.north.rawValue)
        #expect(!driver.isLegal(.move, east) && driver.isLegal(.move, north))
        driver.choose(.move, east)
        #expect(try driver.step() == 1)
        #expect(driver.observed("self", "row") == 32 && driver.observed("self", "col") == 32)
        driver.choose(.move, north)
        #expect(try driver.step() == 0)
        #expect(driver.world.entities.row[0] == 31 && driver.observed("self", "row") == 31 && driver.observed("self", "col") == 32)
    }

    @Test func attackStyleActsOnlyWithTheTarget() throws {
        let driver = try Self.besideAttackableTarget()
        #expect((0..<CombatStyle.count).allSatisfy { driver.isLegal(.attackStyle, $0) })
        // No style is ever masked out for a living agent: an out-of-range one voids the attack.
        driver.choose(.attackStyle, CombatStyle.count)
        driver.choose(.attackTarget, driver.entityRow(showing: 1))
        #expect(try driver.step() == 1)
        #expect(driver.world.events.count(of: .scoreHit) == 0)
        driver.choose(.attackStyle, CombatStyle.mage.rawValue)
        driver.choose(.attackTarget, driver.entityRow(showing: 1))
        #expect(try driver.step() == 0)
        let hits = driver.world.events.events.filter { $0.kind == .scoreHit }
        #expect(hits.count == 1 && hits.first?.type == Int16(CombatStyle.mage.rawValue))
    }

    @Test func attackTargetDamagesTheEntityItsRowShows() throws {
        let driver = try Self.besideAttackableTarget()
        let target = driver.entityRow(showing: 1), outOfReach = driver.entityRow(showing: 2)
        #expect(driver.isLegal(.attackTarget, target) && !driver.isLegal(.attackTarget, outOfReach))
        #expect(!driver.isLegal(.attackTarget, Int(driver.layout[.attackTarget].nothing)), "\"none\" is masked out while a target is legal")
        driver.choose(.attackTarget, outOfReach)
        #expect(try driver.step() == 1)
        #expect(driver.world.events.count(of: .scoreHit) == 0 && driver.world.entities.damageTaken[2] == 0)
        driver.choose(.attackTarget, driver.entityRow(showing: 1))
        #expect(try driver.step() == 0)
        let hits = driver.world.events.events.filter { $0.kind == .scoreHit }
        #expect(hits.count == 1 && hits.first?.entity == 0 && hits.first?.target == 1 && hits.first?.type == Int16(CombatStyle.melee.rawValue))
        #expect(driver.world.entities.damageTaken[1] > 0)
    }

    @Test func useEquipsAndConsumes() throws {
        let driver = try HeadDriver()
        let world = driver.world
        world.inventory.add(.hat, level: 1, to: 0)
        world.inventory.add(.hat, level: 5, to: 0)
        world.inventory.add(.ration, level: 1, to: 0)
        world.entities.food[0] = 20
        try driver.observe()
        let hat = try #require(driver.inventorySlot(holding: .hat)), tooHigh = try #require(driver.inventorySlot(holding: .hat, level: 5))
        #expect(!driver.isLegal(.use, tooHigh), "a level-5 hat is above the agent's level")
        driver.choose(.use, tooHigh)
        #expect(try driver.step() == 1)
        #expect(world.inventory.equippedRow(0, .hat) == nil)
        driver.choose(.use, hat)
        #expect(try driver.step() == 0)
        #expect(driver.observed("inventory", "equipped", row: hat) == 1 && world.inventory.equippedRow(0, .hat) == world.inventory.row(0, hat))
        driver.choose(.use, try #require(driver.inventorySlot(holding: .ration)))
        #expect(try driver.step() == 0)
        #expect(driver.inventorySlot(holding: .ration) == nil && world.entities.food[0] > 20 && world.events.count(of: .consumeItem) == 1)
    }

    @Test func destroyRemovesTheItem() throws {
        let driver = try HeadDriver()
        driver.world.inventory.add(.top, level: 2, to: 0)
        try driver.observe()
        let top = try #require(driver.inventorySlot(holding: .top, level: 2)), empty = driver.emptyInventorySlot()
        #expect(!driver.isLegal(.destroy, empty))
        driver.choose(.destroy, empty)
        #expect(try driver.step() == 1)
        #expect(driver.inventorySlot(holding: .top, level: 2) == top)
        driver.choose(.destroy, top)
        #expect(try driver.step() == 0)
        #expect(driver.inventorySlot(holding: .top, level: 2) == nil && driver.world.events.count(of: .destroyItem) == 1)
    }

    @Test func giveItemHandsAnUnequippedItemOver() throws {
        let (driver, hat, equipped) = try Self.holdingHatAndEquippedTop()
        #expect(!driver.isLegal(.giveItem, equipped) && driver.isLegal(.giveItem, hat))
        driver.choose(.giveItem, equipped)
        driver.choose(.giveTarget, driver.entityRow(showing: 1))
        #expect(try driver.step() == 1)
        #expect(driver.inventorySlot(holding: .top) == equipped && driver.inventorySlot(holding: .top, agent: 1) == nil)
        driver.choose(.giveItem, hat)
        driver.choose(.giveTarget, driver.entityRow(showing: 1))
        #expect(try driver.step() == 0)
        #expect(driver.inventorySlot(holding: .hat) == nil && driver.inventorySlot(holding: .hat, agent: 1) != nil)
    }

    @Test func giveTargetNamesTheReceiver() throws {
        let driver = try HeadDriver()
        driver.world.inventory.add(.hat, level: 1, to: 0)
        try driver.observe()
        let hat = try #require(driver.inventorySlot(holding: .hat)), nobody = driver.emptyEntityRow()
        #expect(!driver.isLegal(.giveTarget, nobody) && driver.isLegal(.giveTarget, driver.entityRow(showing: 2)))
        driver.choose(.giveItem, hat)
        driver.choose(.giveTarget, nobody)
        #expect(try driver.step() == 1)
        #expect(driver.inventorySlot(holding: .hat) == hat)
        driver.choose(.giveItem, hat)
        driver.choose(.giveTarget, driver.entityRow(showing: 2))
        #expect(try driver.step() == 0)
        #expect(driver.inventorySlot(holding: .hat, agent: 2) != nil && driver.inventorySlot(holding: .hat, agent: 1) == nil)
    }

    @Test func sellItemListsTheItem() throws {
        let (driver, hat, equipped) = try Self.holdingHatAndEquippedTop()
        let hatEntry = try #require(driver.layout[.buy].options.firstIndex(of: "hat_1"))
        #expect(!driver.isLegal(.sellItem, equipped) && driver.isLegal(.sellItem, hat))
        driver.choose(.sellItem, equipped)
        driver.choose(.sellPrice, 7)
        #expect(try driver.step() == 1)
        #expect(driver.observed("inventory", "listed_price", row: equipped) == 0 && driver.world.events.count(of: .listItem) == 0)
        driver.choose(.sellItem, hat)
        driver.choose(.sellPrice, 7)
        #expect(try driver.step() == 0)
        #expect(driver.observed("inventory", "listed_price", row: hat) == 7)
        #expect(driver.observed("market", "listings", row: hatEntry) == 1 && driver.observed("market", "best_price", row: hatEntry) == 7)
    }

    @Test func sellPriceSetsTheListedPrice() throws {
        let driver = try HeadDriver()
        let world = driver.world
        world.inventory.add(.hat, level: 1, to: 0)
        try driver.observe()
        let hat = try #require(driver.inventorySlot(holding: .hat))
        for price in [12, 30] {
            driver.choose(.sellItem, hat)
            driver.choose(.sellPrice, price)
            #expect(try driver.step() == 0)
            #expect(driver.observed("inventory", "listed_price", row: hat) == price, "listing a listed item changes its price")
        }
        // In combat no price is legal, nor any item: the pair is ignored.
        world.entities.lastCombatTick[0] = Int32(world.tick)
        try driver.observe()
        #expect(!driver.isLegal(.sellPrice, 5) && !driver.isLegal(.sellItem, hat) && driver.isLegal(.sellPrice, 0))
        driver.choose(.sellItem, hat)
        driver.choose(.sellPrice, 5)
        #expect(try driver.step() == 2)
        #expect(driver.observed("inventory", "listed_price", row: hat) == 30)
    }

    @Test func buyTakesTheListedItem() throws {
        let driver = try HeadDriver()
        let world = driver.world
        world.inventory.add(.hat, level: 1, to: 1)
        world.entities.gold[0] = 10
        try driver.observe()
        driver.choose(.sellItem, try #require(driver.inventorySlot(holding: .hat, agent: 1)), agent: 1)
        driver.choose(.sellPrice, 3, agent: 1)
        #expect(try driver.step() == 0)
        let options = driver.layout[.buy].options
        let hat = try #require(options.firstIndex(of: "hat_1")), top = try #require(options.firstIndex(of: "top_1"))
        #expect(driver.observed("market", "listings", row: hat) == 1 && driver.observed("market", "best_price", row: hat) == 3)
        #expect(driver.isLegal(.buy, hat) && !driver.isLegal(.buy, top), "nothing is listed under top_1")
        driver.choose(.buy, top)
        #expect(try driver.step() == 1)
        #expect(world.entities.gold[0] == 10 && world.events.count(of: .buyItem) == 0)
        driver.choose(.buy, hat)
        #expect(try driver.step() == 0)
        #expect(driver.inventorySlot(holding: .hat) != nil && driver.inventorySlot(holding: .hat, agent: 1) == nil)
        #expect(world.entities.gold[0] == 7 && world.entities.gold[1] == 4)
    }

    @Test func giveGoldAmountTransfersThatMuch() throws {
        let driver = try HeadDriver()
        let world = driver.world
        world.entities.gold[0] = 5
        try driver.observe()
        #expect(driver.isLegal(.giveGoldAmount, 5) && !driver.isLegal(.giveGoldAmount, 6), "more than the agent holds")
        driver.choose(.giveGoldAmount, 6)
        driver.choose(.giveGoldTarget, driver.entityRow(showing: 1))
        #expect(try driver.step() == 1)
        #expect(world.entities.gold[0] == 5 && world.entities.gold[1] == 1)
        driver.choose(.giveGoldAmount, 3)
        driver.choose(.giveGoldTarget, driver.entityRow(showing: 1))
        #expect(try driver.step() == 0)
        #expect(world.entities.gold[0] == 2 && world.entities.gold[1] == 4 && driver.observed("self", "gold") == 2)
    }

    @Test func giveGoldTargetNamesTheReceiver() throws {
        let driver = try HeadDriver()
        let world = driver.world
        world.entities.gold[0] = 5
        try driver.observe()
        let nobody = driver.emptyEntityRow()
        #expect(!driver.isLegal(.giveGoldTarget, nobody) && driver.isLegal(.giveGoldTarget, driver.entityRow(showing: 2)))
        driver.choose(.giveGoldAmount, 2)
        driver.choose(.giveGoldTarget, nobody)
        #expect(try driver.step() == 1)
        #expect(world.entities.gold[0] == 5)
        driver.choose(.giveGoldAmount, 2)
        driver.choose(.giveGoldTarget, driver.entityRow(showing: 2))
        #expect(try driver.step() == 0)
        #expect(world.entities.gold[0] == 3 && world.entities.gold[2] == 3 && world.entities.gold[1] == 1)
    }

    @Test func commTokenReachesTeammatesObservations() throws {
        let driver = try HeadDriver()
        driver.choose(.comm, 42)
        #expect(try driver.step() == 0)
        // Agent 1's teammates, in slot order, are agents 0 and 2.
        #expect(driver.observed("comm", "id", row: 0, agent: 1) == 1 && driver.observed("comm", "message", row: 0, agent: 1) == 42)
        #expect(driver.observed("entities", "message", row: driver.entityRow(showing: 0, agent: 1), agent: 1) == 42)
        #expect(driver.observed("comm", "message", row: 1, agent: 1) == 0)
    }

    @Test func commIsMaskedOutWhileCommunicationIsOff() throws {
        let driver = try HeadDriver { $0.comm.enabled = false }
        #expect(!driver.isLegal(.comm, 42) && driver.isLegal(.comm, 0))
        driver.choose(.comm, 42)
        #expect(try driver.step() == 1)
        #expect(driver.world.entities.message[0] == 0)
        #expect(driver.observed("entities", "message", row: driver.entityRow(showing: 0, agent: 1), agent: 1) == 0)
    }

    /// Out-of-range choices on every head are ignored and counted once per head: the decoder reads
    /// each head's choice exactly once (a pair's first head through its second).
    @Test func everyHeadIsReadOnce() throws {
        let driver = try HeadDriver()
        for option in [-1, 1_000] {
            for kind in ActionHeadKind.allCases { driver.choose(kind, option) }
            #expect(try driver.step() == ActionHeadKind.allCases.count)
        }
        #expect(driver.world.entities.row[0] == 32 && driver.world.entities.col[0] == 32)
    }

    /// A driver whose agent 0 holds a hat and an equipped top, which may be neither given nor sold,
    /// with their inventory rows.
    private static func holdingHatAndEquippedTop() throws -> (HeadDriver, hat: Int, equippedTop: Int) {
        let driver = try HeadDriver()
        let inventory = driver.world.inventory
        inventory.add(.hat, level: 1, to: 0)
        inventory.equip(at: inventory.row(0, try #require(inventory.add(.top, level: 1, to: 0))))
        try driver.observe()
        return (driver, try #require(driver.inventorySlot(holding: .hat)), try #require(driver.inventorySlot(holding: .top)))
    }

    /// Agent 1, attackable (its spawn immunity lifted), next to agent 0 and out of agent 2's reach.
    private static func besideAttackableTarget() throws -> HeadDriver {
        let driver = try HeadDriver()
        driver.world.relocate(1, row: 31, col: 32)
        driver.world.entities.spawnTick[1] = -1_000
        try driver.observe()
        return driver
    }
}
