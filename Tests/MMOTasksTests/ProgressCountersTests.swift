import Testing
@testable import MMOCore
@testable import MMOTasks

/// The counters' bookkeeping, team subjects and determinism.
struct ProgressCountersTests {
    /// Every predicate once, with arguments that a short random game can move.
    static let everyPredicate: [TaskPredicate] = [
        .allDead, .stayAlive, .success, .tickGE(numTick: 50),
        .checkAgentStatus(targets: [0, 1, 2], status: .alive), .allMembersWithinRange(distance: 5),
        .canSeeAgent(target: 3), .canSeeGroup(targets: [4, 5]), .canSeeTile(tileType: Int(Material.water.rawValue)),
        .occupyTile(row: 32, col: 32), .distanceTraveled(distance: 20), .progressTowardCenter,
        .seizeTile(row: 30, col: 30, numTicks: 10), .seizeCenter(numTicks: 10), .seizeQuadCenter(numTicks: 10, quadrant: .second),
        .protectLeader(targetProtect: 0, targetDestroy: [6, 7]),
        .attainSkill(skill: Skill.carving.rawValue, level: 2, numAgent: 1), .gainExperience(skill: Skill.melee.rawValue, experience: 10, numAgent: 2),
        .defeatEntity(agentType: .npc, level: 1, numAgent: 1), .scoreHit(combatStyle: CombatStyle.range.rawValue, count: 3),
        .fireAmmo(item: Int(ItemKind.arrow.rawValue), level: 1, quantity: 2), .fullyArmed(combatStyle: 0, level: 1, numAgent: 1),
        .countEvent(event: Int(EventKind.eatFood.rawValue), count: 5),
        .harvestItem(item: Int(ItemKind.arrow.rawValue), level: 1, quantity: 5), .consumeItem(item: Int(ItemKind.ration.rawValue), level: 1, quantity: 2),
        .equipItem(item: Int(ItemKind.axe.rawValue), level: 1, numAgent: 1), .ownItem(item: Int(ItemKind.potion.rawValue), level: 1, quantity: 3),
        .inventorySpaceGE(space: 6), .hoardGold(amount: 5), .earnGold(amount: 5), .spendGold(amount: 5), .makeProfit(amount: 5),
        .listItem(item: Int(ItemKind.arrow.rawValue), level: 1, quantity: 2), .buyItem(item: Int(ItemKind.arrow.rawValue), level: 1, quantity: 2),
    ]

    @Test func everyPredicateIsListedOnce() {
        #expect(Self.everyPredicate.count == 34)
    }

    @Test func updatingTwiceInATickCountsOnce() {
        let game = TaskWorld(positions: [(20, 20), (30, 30)])
        game.inject([TaskWorld.event(.eatFood, 0)])
        game.counters.update(from: game.world)
        #expect(game.counters.count(of: .eatFood, slot: 0) == 1)
    }

    @Test func countersStartOverWithTheEpisode() {
        let game = TaskWorld(positions: [(20, 20), (30, 30)], watching: [.seizeTile(row: 20, col: 20, numTicks: 1)])
        game.inject([TaskWorld.event(.eatFood, 0), TaskWorld.event(.earnGold, 0, gold: 4), TaskWorld.event(.goFarthest, 1, number: 3),
                     TaskWorld.event(.harvestItem, 1, type: Int16(ItemKind.potion.rawValue), level: 2, number: 1)])
        game.step(3)
        #expect(game.counters.count(of: .eatFood, slot: 0) == 1)
        #expect(game.counters.goldEarned(slot: 0) == 4)
        #expect(game.counters.farthestDistance(slot: 1) == 3)
        #expect(game.counters.quantity(.harvested, slot: 1, kind: .potion, atLeast: 2) == 1)
        #expect(game.counters.control(row: 20, col: 20) != nil)
        // A world reset is noticed by its tick going back to 0.
        game.world.reset(map: game.world.map, seed: 2)
        game.counters.update(from: game.world)
        #expect(game.counters.count(of: .eatFood, slot: 0) == 0)
        #expect(game.counters.goldEarned(slot: 0) == 0)
        #expect(game.counters.farthestDistance(slot: 1) == 0)
        #expect(game.counters.quantity(.harvested, slot: 1, kind: .potion, atLeast: 1) == 0)
        #expect(game.counters.control(row: 20, col: 20) == nil)
        #expect(game.counters.count(of: .spawn, slot: 0) == 1)
        // And an explicit reset forgets everything.
        game.counters.reset()
        #expect(game.counters.count(of: .spawn, slot: 0) == 0)
        #expect(game.counters.lastTick == -1)
    }

    @Test func itemCountersKeepLevelsCumulative() {
        let game = TaskWorld()
        game.inject([TaskWorld.event(.listItem, 0, type: Int16(ItemKind.arrow.rawValue), level: 3, number: 7),
                     TaskWorld.event(.listItem, 0, type: Int16(ItemKind.arrow.rawValue), level: 1, number: 2)])
        #expect(game.counters.quantity(.listed, slot: 0, kind: .arrow, atLeast: 1) == 9)
        #expect(game.counters.quantity(.listed, slot: 0, kind: .arrow, atLeast: 3) == 7)
        #expect(game.counters.quantity(.listed, slot: 0, kind: .arrow, atLeast: 4) == 0)
        #expect(game.counters.quantity(.listed, slot: 1, kind: .arrow, atLeast: 1) == 0)
    }

    @Test func teamSubjectsGatherTheTeamsPlayers() {
        let game = TaskWorld(players: 6, teams: 3)
        let team = Subject.team(1, in: game.world)!
        #expect(team.members == [2, 3])
        #expect(Subject.team(3, in: game.world) == nil)
        #expect(Subject(members: [3, 1, 3]).members == [1, 3])
        game.inject([TaskWorld.event(.eatFood, 2), TaskWorld.event(.eatFood, 3), TaskWorld.event(.eatFood, 4)])
        #expect(game.progress(.countEvent(event: Int(EventKind.eatFood.rawValue), count: 4), team) == 0.5)
    }

    /// Random walks, attacks, uses, sales and purchases on a map with every resource; every
    /// predicate's progress for every pair of neighbouring agents after each tick, from a `TaskBatch`.
    private func trace(seed: UInt64) -> [Float] {
        let overrides = [(24, 24, Material.tree), (25, 25, .herb), (26, 26, .water), (27, 27, .ore), (28, 28, .crystal), (29, 29, .foilage)]
        let game = TaskWorld(players: 8, npcs: 4, overrides: overrides.map { (row: $0.0, col: $0.1, material: $0.2) },
                             watching: Self.everyPredicate, seed: seed)
        var predicates: [TaskPredicate] = [], subjects: [Subject] = []
        for player in 0..<8 {
            for predicate in Self.everyPredicate {
                predicates.append(predicate)
                subjects.append(Subject(members: [player, (player + 1) % 8]))
            }
        }
        let batch = TaskBatch(predicates: predicates, subjects: subjects)
        var rng = Rng(seed: seed)
        var progress: [Float] = []
        for _ in 0..<40 {
            for player in 0..<8 {
                game.world.intents.move[player] = UInt8(rng.below(5))
                game.world.intents.attackTarget[player] = Int32(rng.below(12))
                game.world.intents.attackStyle[player] = UInt8(rng.below(3))
                game.world.intents.use[player] = Int32(rng.below(12))
                game.world.intents.sellItem[player] = Int32(rng.below(12))
                game.world.intents.sellPrice[player] = Int32(rng.below(4))
                game.world.intents.buy[player] = Int32(rng.below(160))
            }
            game.step()
            let tick = batch.progress(in: game.world, counters: game.counters)
            // The batch agrees with one-at-a-time evaluation.
            for index in stride(from: 0, to: predicates.count, by: 7) {
                #expect(tick[index] == game.progress(predicates[index], subjects[index]), "task \(index)")
            }
            progress += tick
        }
        return progress
    }

    @Test func progressIsDeterministic() {
        let first = trace(seed: 5)
        #expect(first == trace(seed: 5))
        #expect(first.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(first.contains { $0 > 0 && $0 < 1 })
    }

    @Test func batchWritesEveryTaskIntoTheBuffer() {
        let game = TaskWorld(players: 3, positions: [(20, 20), (30, 30), (40, 40)])
        game.step(2)
        let batch = TaskBatch(predicates: [.tickGE(numTick: 4), .and([.stayAlive, .tickGE(numTick: 8)]), .allDead],
                              subjects: [.agent(0), Subject(members: [1, 2]), .agent(2)])
        let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: 4)
        defer { buffer.deallocate() }
        buffer.initialize(repeating: -1)
        batch.progress(in: game.world, counters: game.counters, into: buffer)
        #expect(Array(buffer) == [0.5, 0.25, 0, -1])
        #expect(batch.count == 3)
    }

    @Test func refilledBatchEvaluatesOnlyTheListedTasks() {
        let game = TaskWorld(players: 3, positions: [(20, 20), (30, 30), (40, 40)])
        game.step(2)
        let batch = TaskBatch(programs: [.tickGE(numTick: 4), .tickGE(numTick: 8), .stayAlive], capacity: 3, memberCapacity: 4)
        #expect(batch.programCount == 3 && batch.count == 0)
        func append(_ program: Int, _ members: [Int]) { _ = members.withUnsafeBufferPointer { batch.append(program: program, members: $0) } }
        append(1, [0])
        append(0, [1, 2])
        append(2, [2])
        let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: 3)
        defer { buffer.deallocate() }
        buffer.initialize(repeating: -1)
        let listed: [Int32] = [2, 0]
        listed.withUnsafeBufferPointer { batch.progress(ofTasks: $0, in: game.world, counters: game.counters, into: buffer) }
        #expect(Array(buffer) == [0.25, -1, 1])
        // Refilling reuses the programs: the same program evaluates the same for a new subject.
        batch.removeAllTasks()
        append(0, [0])
        #expect(batch.count == 1 && batch.program(ofTask: 0) == 0)
        #expect(batch.progress(in: game.world, counters: game.counters) == [0.5])
    }

    @Test func unknownItemAndEventIdsNeverProgress() {
        let game = TaskWorld(players: 1, positions: [(20, 20)])
        game.step(2)
        for predicate: TaskPredicate in [.harvestItem(item: 99, level: 1, quantity: 1), .ownItem(item: 1, level: 1, quantity: 1),
                                         .equipItem(item: 200, level: 1, numAgent: 1), .countEvent(event: 250, count: 1)] {
            #expect(game.progress(predicate, .agent(0)) == 0, "\(predicate)")
        }
    }
}
