import Testing
@testable import MMOCore

/// Damage, combat XP, spawn immunity and combat status, on two players next to each other.
struct CombatRuleTests {
    /// Damage by the reference formulas, with every number written out (not read from a config):
    /// offense = 10 + 5 x style level + weapon + ammunition attack; defense = 5 x highest level +
    /// armour + tool defense. 2.1: int(max(mult x off - def, 0.25 x off)); 2.0: int(mult x off x 15 / (15 + def)).
    private func expectedDamage(competition: Bool, styleLevel: Int, weapon: Int?, ammunition: Int?, highestLevel: Int,
                                armour: [Int], tool: Bool, bonus: Bool) -> Int32 {
        let weaponAttack = weapon.map { competition ? 15 + 15 * $0 : 5 + 5 * $0 } ?? 0
        let ammunitionAttack = ammunition.map { min(competition ? 15 + 15 * $0 : 5 + 10 * $0, 100) } ?? 0
        let offense = Double(10 + 5 * styleLevel + weaponAttack + ammunitionAttack)
        let armourDefense = armour.reduce(0) { $0 + (competition ? 10 : 3) * $1 }
        let defense = Double(5 * highestLevel + armourDefense + (tool ? (competition ? 30 : 15) : 0))
        let multiplier = bonus ? 1.5 : 1
        if competition { return Int32(multiplier * offense * 15 / (15 + defense)) }
        return Int32(max(multiplier * offense - defense, 0.25 * offense))
    }

    private static let weapons: [CombatStyle: ItemKind] = [.melee: .spear, .range: .bow, .mage: .wand]
    private static let ammunition: [CombatStyle: ItemKind] = [.melee: .whetstone, .range: .arrow, .mage: .runes]

    /// One hit by player 0 (style level 3) on player 1 (main style `main` with 100 XP, Fishing
    /// level 4, so highest level 4); returns the SCORE_HIT damage.
    private func hit(style: CombatStyle, main: CombatStyle?, equipment: Bool, competition: Bool) -> (damage: Int32, world: World) {
        let world = RuleWorld.make(RuleWorld.config(competition: competition), positions: [(32, 32), (32, 34)])
        RuleWorld.setLevel(world, 0, style.skill, 3)
        if let main { RuleWorld.setExperience(world, 1, main.skill, 100) }
        RuleWorld.setLevel(world, 1, .fishing, 4)
        if equipment {
            RuleWorld.give(world, Self.weapons[style]!, level: 2, to: 0, equip: true)
            RuleWorld.give(world, Self.ammunition[style]!, level: 3, quantity: 5, to: 0, equip: true)
            RuleWorld.give(world, .hat, level: 1, to: 1, equip: true)
            RuleWorld.give(world, .top, level: 2, to: 1, equip: true)
            RuleWorld.give(world, .bottom, level: 3, to: 1, equip: true)
            RuleWorld.give(world, .rod, level: 1, to: 1, equip: true)
        }
        RuleWorld.attack(world, 0, 1, style)
        world.step()
        let hits = RuleWorld.events(world, .scoreHit)
        #expect(hits.count == 1)
        return (hits.first?.number ?? -1, world)
    }

    @Test(arguments: [false, true], [false, true])
    func damageForEveryStylePair(equipment: Bool, competition: Bool) {
        for style in CombatStyle.allCases {
            for main in [nil] + CombatStyle.allCases.map(Optional.some) {
                let (damage, world) = hit(style: style, main: main, equipment: equipment, competition: competition)
                let bonus = main.map { style.beats == $0 } ?? false
                let expected = expectedDamage(competition: competition, styleLevel: 3, weapon: equipment ? 2 : nil, ammunition: equipment ? 3 : nil,
                                              highestLevel: 4, armour: equipment ? [1, 2, 3] : [], tool: equipment, bonus: bonus)
                #expect(damage == expected, "style \(style) vs main \(String(describing: main)) equipment \(equipment) competition \(competition)")
                #expect(world.entities.health[1] == 100 - damage)
                RuleWorld.expectConsistent(world)
            }
        }
    }

    @Test func damageNumbersWrittenOut() {
        // 2.1, no equipment: offense 25, defense 20: max(25 - 20, 6.25) = 6; with the bonus 37.5 - 20 = 17.
        #expect(hit(style: .melee, main: .mage, equipment: false, competition: false).damage == 6)
        #expect(hit(style: .melee, main: .range, equipment: false, competition: false).damage == 17)
        // Equipped: offense 25 + 15 (spear 2) + 35 (whetstone 3) = 75, defense 20 + 18 + 15 = 53.
        #expect(hit(style: .melee, main: .melee, equipment: true, competition: false).damage == 22)
        #expect(hit(style: .mage, main: .melee, equipment: true, competition: false).damage == 59)
        // Equal combat XP: no main style, no bonus.
        #expect(hit(style: .range, main: nil, equipment: false, competition: false).damage == 6)
        // 2.0: 25 x 15 / 35 = 10.7 -> 10; bonus 16; equipped 130 x 15 / 125 = 15.6 -> 15, bonus 23.
        #expect(hit(style: .range, main: .range, equipment: false, competition: true).damage == 10)
        #expect(hit(style: .range, main: .mage, equipment: false, competition: true).damage == 16)
        #expect(hit(style: .range, main: .melee, equipment: true, competition: true).damage == 15)
        #expect(hit(style: .range, main: .mage, equipment: true, competition: true).damage == 23)
    }

    @Test func levelTenEquipmentInAFight() {
        // Attacker: Range 10, Bow 10 (55) and Arrows 10 (5 + 100 capped at 100): offense 10 + 50 + 155 = 215.
        // Defender: Melee main style, highest level 10, three level-10 armour pieces (90) and a tool (15): defense 155.
        for competition in [false, true] {
            let world = RuleWorld.make(RuleWorld.config(competition: competition), positions: [(32, 32), (32, 33)])
            RuleWorld.setLevel(world, 0, .range, 10)
            RuleWorld.give(world, .bow, level: 10, to: 0, equip: true)
            RuleWorld.give(world, .arrow, level: 10, quantity: 3, to: 0, equip: true)
            RuleWorld.setLevel(world, 1, .melee, 10)
            for kind in ItemKind.armour { RuleWorld.give(world, kind, level: 10, to: 1, equip: true) }
            RuleWorld.give(world, .chisel, level: 10, to: 1, equip: true)
            RuleWorld.attack(world, 0, 1, .range)
            world.step()
            let damage = RuleWorld.events(world, .scoreHit).first?.number
            if competition {
                // 10 + 50 + 165 + 100 (capped) = 325 against 50 + 300 + 30 = 380: 325 x 15 / 395 = 12.3.
                #expect(damage == 12)
            } else {
                // Range does not beat Melee: max(215 - 155, 53.75) = 60.
                #expect(damage == 60)
            }
            #expect(damage == expectedDamage(competition: competition, styleLevel: 10, weapon: 10, ammunition: 10, highestLevel: 10,
                                             armour: [10, 10, 10], tool: true, bonus: false))
        }
    }

    @Test func theStyleBonusFollowsTheMainStyleByExperience() {
        let world = RuleWorld.make(RuleWorld.config(), positions: [(32, 32), (32, 33)])
        // Melee and Range tied above Mage: the main style is Melee, so Mage gets the bonus.
        RuleWorld.setExperience(world, 1, .melee, 50)
        RuleWorld.setExperience(world, 1, .range, 50)
        #expect(world.entities.mainStyle(1) == .melee)
        RuleWorld.setExperience(world, 1, .mage, 60)
        #expect(world.entities.mainStyle(1) == .mage)
        RuleWorld.setExperience(world, 1, .mage, 50)
        #expect(world.entities.mainStyle(1) == nil)
    }

    @Test func equipmentOfAnotherStyleAddsNothingAndAmmunitionIsSpent() {
        let world = RuleWorld.make(RuleWorld.config(), positions: [(32, 32), (32, 35)])
        RuleWorld.give(world, .bow, level: 1, to: 0, equip: true)
        let runes = RuleWorld.give(world, .runes, level: 1, quantity: 2, to: 0, equip: true)
        RuleWorld.attack(world, 0, 1, .melee)  // bow and runes do not help melee
        world.step()
        #expect(RuleWorld.events(world, .scoreHit).first?.number == 10)  // 15 - 5
        #expect(RuleWorld.events(world, .fireAmmo).isEmpty)
        #expect(world.inventory.quantity[runes] == 2)
        RuleWorld.attack(world, 0, 1, .mage)  // runes: 15 + 15 = 30 offense
        world.step()
        #expect(RuleWorld.events(world, .scoreHit).first?.number == 25)
        let fired = RuleWorld.events(world, .fireAmmo)
        #expect(fired.count == 1 && fired.first?.type == Int16(ItemKind.runes.rawValue) && fired.first?.level == 1 && fired.first?.number == 1)
        #expect(world.inventory.quantity[runes] == 1)
        RuleWorld.attack(world, 0, 1, .mage)
        world.step()
        #expect(world.inventory.kind[runes] == 0)  // the last one is spent and the stack is gone
        #expect(world.inventory.equippedRow(0, .ammunition) == nil)
        RuleWorld.expectConsistent(world)
    }

    @Test func playersAndNPCsTradeBlows() {
        let world = RuleWorld.make(RuleWorld.config(players: 1, npcs: 1), positions: [(32, 32)])
        // NPC: offense 30, defense 8, fights Melee (its main style).
        let npc = RuleWorld.spawnNPC(world, kind: .hostileNPC, level: 3, row: 32, col: 34, offense: 30, defense: 8, style: .melee)
        RuleWorld.attack(world, 0, npc, .mage)  // Mage beats Melee: 1.5 x 15 - 8 = 14.5 -> 14
        world.step()
        let hits = RuleWorld.events(world, .scoreHit)
        #expect(hits.count == 2)
        #expect(hits.first { $0.entity == 0 }?.number == 14)
        // Players attack first: the player's main style is now Mage, which Melee does not beat: 30 - 5 x 1.
        #expect(hits.first { $0.entity == Int32(npc) }?.number == 25)
        #expect(world.entities.health[0] == 100 - 25)
        #expect(world.entities.health[npc] == 100 - 14)  // NPCs regenerate 1 before the actions, nothing at full health
        #expect(world.entities.experience(npc, .range) == 0)  // NPCs do not gain XP
    }

    @Test func npcHitsUseTheNPCsOffenseAndItsStyleBonus() {
        let world = RuleWorld.make(RuleWorld.config(players: 2, npcs: 2), positions: [(32, 32), (40, 40)])
        RuleWorld.setExperience(world, 0, .melee, 20)  // main style Melee, highest level 1: defense 5
        RuleWorld.give(world, .top, level: 1, to: 0, equip: true)  // +3
        let mage = RuleWorld.spawnNPC(world, kind: .hostileNPC, level: 8, row: 32, col: 34, offense: 40, style: .mage)
        world.step()
        // Mage beats Melee: 1.5 x 40 - 8 = 52.
        let hit = RuleWorld.events(world, .scoreHit).first { $0.entity == Int32(mage) }
        #expect(hit?.number == 52 && hit?.type == Int16(CombatStyle.mage.rawValue) && hit?.target == 0)
        #expect(world.entities.health[0] == 48)
        #expect(world.inCombat(0))
        // A Mage NPC next to player 1, who has no main style (and no armour): no bonus, 40 - 5 = 35.
        let other = RuleWorld.spawnNPC(world, kind: .hostileNPC, level: 8, row: 40, col: 42, offense: 40, style: .mage)
        world.step()
        let second = RuleWorld.events(world, .scoreHit).first { $0.entity == Int32(other) }
        #expect(second?.number == 35 && second?.target == 1)
        RuleWorld.expectConsistent(world)
    }

    @Test(arguments: [false, true])
    func hitsGiveExperienceAndLevelUpAtTheThresholds(competition: Bool) {
        let perHit: Int32 = competition ? 3 : 6
        let thresholds: [Int32] = [0, 90, 217, 373, 553, 754, 974, 1212, 1467, 1737]
        #expect(ProgressionRules.experienceThresholds == thresholds)
        for level in 2...10 {
            let world = RuleWorld.make(RuleWorld.config(competition: competition), positions: [(32, 32), (32, 33)])
            world.entities.health[1] = 100
            RuleWorld.setExperience(world, 0, .range, thresholds[level - 1] - perHit - 1)
            #expect(world.entities.level(0, .range) == Int32(level - 1))
            RuleWorld.attack(world, 0, 1, .range)
            world.step()
            #expect(world.entities.experience(0, .range) == thresholds[level - 1] - 1)
            #expect(world.entities.level(0, .range) == Int32(level - 1))
            #expect(RuleWorld.events(world, .levelUp).isEmpty)
            RuleWorld.attack(world, 0, 1, .range)
            world.step()
            #expect(world.entities.experience(0, .range) == thresholds[level - 1] - 1 + perHit)
            #expect(world.entities.level(0, .range) == Int32(level))
            let levelUps = RuleWorld.events(world, .levelUp)
            #expect(levelUps.count == 1)
            #expect(levelUps.first?.type == Int16(Skill.range.rawValue) && levelUps.first?.level == Int16(level) && levelUps.first?.entity == 0)
            // Only the attacker's style gains.
            #expect(world.entities.experience(0, .melee) == 0 && world.entities.experience(1, .range) == 0)
        }
        // Level 10 is the cap.
        #expect(ProgressionRules().level(forExperience: 100_000) == 10)
        #expect(ProgressionRules().level(forExperience: 89) == 1 && ProgressionRules().level(forExperience: 90) == 2)
    }

    @Test func spawnImmunityProtectsYoungPlayersFromPlayersButNotFromNPCs() {
        var config = RuleWorld.config(players: 2, npcs: 1)
        config.combat.spawnImmunity = 20
        let world = RuleWorld.make(config, positions: [(32, 32), (32, 33)])
        // Ticks 1...19: player 0 cannot hit player 1 (spawned at tick 0), but can hit the NPC.
        for _ in 1...19 {
            RuleWorld.attack(world, 0, 1, .melee)
            world.step()
            #expect(RuleWorld.events(world, .scoreHit).isEmpty)
            #expect(!world.canAttack(0, 1))
        }
        #expect(world.entities.health[1] == 100)
        RuleWorld.attack(world, 0, 1, .melee)  // tick 20: 20 ticks old
        world.step()
        #expect(RuleWorld.events(world, .scoreHit).count == 1)

        // At tick 1 an NPC hits young player 0 and young player 1 hits the NPC, but not player 0.
        let young = RuleWorld.make(config, positions: [(32, 32), (32, 36)])
        let hostile = RuleWorld.spawnNPC(young, kind: .hostileNPC, level: 1, row: 32, col: 34, offense: 20)
        RuleWorld.attack(young, 1, hostile, .melee)
        young.step()
        RuleWorld.attack(young, 1, 0, .melee)
        young.step()
        #expect(young.tick == 2)
        let hits = RuleWorld.events(young, .scoreHit)
        #expect(hits.contains { $0.entity == Int32(hostile) && $0.target == 0 })
        #expect(!hits.contains { $0.entity == 1 })
        #expect(young.entities.health[hostile] < 100)
    }

    /// The six actions blocked in combat status, each set up so that it succeeds when allowed.
    enum BlockedAction: CaseIterable {
        case use, give, giveGold, destroy, sell, buy
    }

    /// Sets up `action` for player `actor` (player 2 stands by as receiver and seller); returns a
    /// check of whether it happened this tick.
    private func prepare(_ action: BlockedAction, world: World, actor: Int) -> () -> Bool {
        let intents = world.intents
        switch action {
        case .use:
            let row = RuleWorld.rows(world, actor, .hat).first { world.inventory.equipped[$0] == 0 }!
            intents.use[actor] = Int32(row % world.inventory.slots)
            return { RuleWorld.events(world, .equipItem).contains { $0.entity == Int32(actor) } }
        case .give:
            intents.giveItem[actor] = Int32(RuleWorld.rows(world, actor, .hat)[0] % world.inventory.slots)
            intents.giveTarget[actor] = 2
            return { RuleWorld.events(world, .giveItem).contains { $0.entity == Int32(actor) } }
        case .giveGold:
            intents.giveGoldAmount[actor] = 1
            intents.giveGoldTarget[actor] = 2
            return { RuleWorld.events(world, .giveGold).contains { $0.entity == Int32(actor) } }
        case .destroy:
            intents.destroy[actor] = Int32(RuleWorld.rows(world, actor, .hat)[0] % world.inventory.slots)
            return { RuleWorld.events(world, .destroyItem).contains { $0.entity == Int32(actor) } }
        case .sell:
            intents.sellItem[actor] = Int32(RuleWorld.rows(world, actor, .hat)[0] % world.inventory.slots)
            intents.sellPrice[actor] = 1
            return { RuleWorld.events(world, .listItem).contains { $0.entity == Int32(actor) } }
        case .buy:
            intents.buy[actor] = RuleWorld.entry(.potion)
            return { RuleWorld.events(world, .buyItem).contains { $0.entity == Int32(actor) } }
        }
    }

    @Test(arguments: BlockedAction.allCases)
    func combatStatusBlocksActionsForThreeTicks(action: BlockedAction) {
        for actor in [0, 1] {  // the attacker and the one hit
            var config = RuleWorld.config(players: 3)
            config.exchange.listingTicks = 100
            let world = RuleWorld.make(config, positions: [(32, 32), (32, 33), (32, 34)])
            for player in 0..<2 {
                RuleWorld.setGold(world, player, 50)
                for _ in 0..<4 { RuleWorld.give(world, .hat, to: player) }
            }
            // Player 2 lists Potions for the buyers.
            for _ in 0..<4 { RuleWorld.give(world, .potion, to: 2) }
            for slot in 0..<4 {
                world.intents.sellItem[2] = Int32(slot)
                world.intents.sellPrice[2] = 1
                world.step()
            }
            #expect(world.market.listingCount[Int(RuleWorld.entry(.potion))] == 4)
            RuleWorld.attack(world, 0, 1, .melee)
            let attackTick = world.tick + 1
            let happenedWithAttack = prepare(action, world: world, actor: actor)
            world.step()
            #expect(RuleWorld.events(world, .scoreHit).count == 1)
            // Use, Buy, Give and Destroy run before the attack; only Sell (after it) is blocked in the attack's own tick.
            #expect(happenedWithAttack() == (action != .sell), "\(action) in the attack tick")
            for tick in (attackTick + 1)...(attackTick + 3) {
                let happened = prepare(action, world: world, actor: actor)
                world.step()
                #expect(world.tick == tick)
                #expect(happened() == (tick == attackTick + 3), "\(action) by \(actor) at tick \(tick), attack at \(attackTick)")
            }
            RuleWorld.expectConsistent(world)
        }
    }
}
