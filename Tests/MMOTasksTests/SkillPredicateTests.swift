import Testing
@testable import MMOCore
@testable import MMOTasks

/// AttainSkill, GainExperience, DefeatEntity, ScoreHit, FireAmmo, FullyArmed, CountEvent.
struct SkillPredicateTests {
    private let team = Subject(members: [0, 1])

    @Test func attainSkillSumsLevelsGained() {
        let game = TaskWorld(positions: [(20, 20), (30, 30)])
        // Two agents at level 3: 2 x 2 levels above the first.
        let attain = TaskPredicate.attainSkill(skill: Skill.melee.rawValue, level: 3, numAgent: 2)
        #expect(game.progress(attain, team) == 0)
        game.setLevel(0, .melee, 3)
        game.setLevel(1, .melee, 2)
        #expect(game.progress(attain, team) == 0.75)
        game.setLevel(1, .melee, 4)
        #expect(game.progress(attain, team) == 1)
        game.kill(1)
        #expect(game.progress(attain, team) == 0.5)
        #expect(game.progress(.attainSkill(skill: Skill.melee.rawValue, level: 1, numAgent: 5), team) == 1)
        #expect(game.progress(.attainSkill(skill: 8, level: 2, numAgent: 1), team) == 0)
    }

    @Test func gainExperienceSumsTheMembersExperience() {
        let game = TaskWorld(positions: [(20, 20), (30, 30)])
        let gain = TaskPredicate.gainExperience(skill: Skill.fishing.rawValue, experience: 100, numAgent: 2)
        #expect(game.progress(gain, team) == 0)
        game.world.entities.experience[0 * Skill.count + Skill.fishing.rawValue] = 30
        game.world.entities.experience[1 * Skill.count + Skill.fishing.rawValue] = 20
        #expect(game.progress(gain, team) == 0.25)
        game.world.entities.experience[1 * Skill.count + Skill.fishing.rawValue] = 250
        #expect(game.progress(gain, team) == 1)
    }

    @Test func defeatEntityCountsKillsOfTheTypeAndLevel() {
        let game = TaskWorld(npcs: 4, positions: [(20, 20), (30, 30)])
        let defeat = TaskPredicate.defeatEntity(agentType: .npc, level: 2, numAgent: 2)
        // A level-1 NPC is below the level asked for.
        game.attack(0, game.spawnNPC(level: 1, row: 21, col: 21, health: 1), .melee)
        game.step()
        #expect(game.counters.kills(slot: 0, type: .npc, atLeast: 1) == 1)
        #expect(game.progress(defeat, .agent(0)) == 0)
        game.attack(0, game.spawnNPC(level: 3, row: 21, col: 21, health: 1), .melee)
        game.step()
        #expect(game.progress(defeat, .agent(0)) == 0.5)
        game.attack(1, game.spawnNPC(level: 2, row: 31, col: 31, health: 1), .range)
        game.step()
        #expect(game.progress(defeat, .agent(0)) == 0.5)
        #expect(game.progress(defeat, team) == 1)
        #expect(game.progress(.defeatEntity(agentType: .player, level: 0, numAgent: 1), team) == 0)
        // Killing a player.
        game.place(1, 21, 20)
        game.world.entities.health[1] = 1
        game.attack(0, 1, .melee)
        game.step()
        #expect(game.progress(.defeatEntity(agentType: .player, level: 1, numAgent: 1), .agent(0)) == 1)
        #expect(game.progress(.defeatEntity(agentType: .player, level: 2, numAgent: 1), .agent(0)) == 0)
    }

    @Test func scoreHitCountsHitsInTheStyle() {
        let game = TaskWorld(npcs: 2, positions: [(20, 20), (30, 30)])
        let npc = game.spawnNPC(level: 1, row: 21, col: 21, health: 1000)
        let melee = TaskPredicate.scoreHit(combatStyle: CombatStyle.melee.rawValue, count: 2)
        #expect(game.progress(melee, .agent(0)) == 0)
        game.place(npc, 21, 21)
        game.attack(0, npc, .melee)
        game.step()
        #expect(game.progress(melee, .agent(0)) == 0.5)
        game.place(npc, 21, 21)
        game.attack(0, npc, .mage)
        game.step()
        #expect(game.progress(melee, .agent(0)) == 0.5)
        #expect(game.progress(.scoreHit(combatStyle: CombatStyle.mage.rawValue, count: 1), .agent(0)) == 1)
        game.place(npc, 21, 21)
        game.attack(0, npc, .melee)
        game.step()
        #expect(game.progress(melee, .agent(0)) == 1)
    }

    @Test func fireAmmoCountsAmmunitionSpent() {
        let game = TaskWorld(npcs: 2, positions: [(20, 20), (30, 30)])
        let npc = game.spawnNPC(level: 1, row: 21, col: 21, health: 1000)
        game.give(.whetstone, level: 1, quantity: 5, to: 0, equip: true)
        let fire = TaskPredicate.fireAmmo(item: Int(ItemKind.whetstone.rawValue), level: 1, quantity: 2)
        #expect(game.progress(fire, .agent(0)) == 0)
        game.place(npc, 21, 21)
        game.attack(0, npc, .melee)
        game.step()
        #expect(game.progress(fire, .agent(0)) == 0.5)
        #expect(game.progress(.fireAmmo(item: Int(ItemKind.whetstone.rawValue), level: 2, quantity: 1), .agent(0)) == 0)
        game.place(npc, 21, 21)
        game.attack(0, npc, .melee)
        game.step()
        #expect(game.progress(fire, .agent(0)) == 1)
    }

    @Test func fullyArmedNeedsArmourWeaponAndAmmunitionOfTheStyle() {
        let game = TaskWorld(positions: [(20, 20), (30, 30)])
        let armed = TaskPredicate.fullyArmed(combatStyle: CombatStyle.range.rawValue, level: 2, numAgent: 2)
        #expect(game.progress(armed, team) == 0)
        for player in 0..<2 {
            for kind in [ItemKind.hat, .top, .bottom, .bow] { game.give(kind, level: 2, to: player, equip: true) }
        }
        #expect(game.progress(armed, team) == 0)
        game.give(.arrow, level: 3, quantity: 4, to: 0, equip: true)
        game.give(.arrow, level: 1, quantity: 4, to: 1, equip: true)
        #expect(game.progress(armed, team) == 0.5)
        #expect(game.progress(.fullyArmed(combatStyle: CombatStyle.melee.rawValue, level: 1, numAgent: 1), team) == 0)
        game.give(.arrow, level: 2, quantity: 4, to: 1, equip: true)
        #expect(game.progress(armed, team) == 1)
    }

    @Test func countEventCountsTheMembersEvents() {
        let game = TaskWorld(positions: [(20, 20), (30, 30)])
        let eat = TaskPredicate.countEvent(event: Int(EventKind.eatFood.rawValue), count: 4)
        #expect(game.progress(eat, team) == 0)
        game.inject([TaskWorld.event(.eatFood, 0), TaskWorld.event(.eatFood, 1), TaskWorld.event(.drinkWater, 0)])
        #expect(game.progress(eat, team) == 0.5)
        #expect(game.progress(eat, .agent(0)) == 0.25)
        game.inject([TaskWorld.event(.eatFood, 0), TaskWorld.event(.eatFood, 0)])
        #expect(game.progress(eat, team) == 1)
        #expect(game.progress(.countEvent(event: 77, count: 1), team) == 0)
    }

    @Test func countEventCountsRealEvents() {
        let game = TaskWorld(overrides: [(21, 20, .water)], positions: [(20, 20), (30, 30)])
        game.world.entities.water[0] = 10
        game.step()
        #expect(game.progress(.countEvent(event: Int(EventKind.drinkWater.rawValue), count: 1), .agent(0)) == 1)
        #expect(game.progress(.countEvent(event: Int(EventKind.drinkWater.rawValue), count: 1), .agent(1)) == 0)
    }
}
