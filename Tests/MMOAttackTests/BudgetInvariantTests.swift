import MMOAttack
import MMOCore
import MMOEnv
import MMOTrain
import Testing

/// Whatever an attack writes, what the policy reads stays inside the budget: numeric changes at most
/// epsilon of each range's width and inside the range, at most k tile flips that keep the occupant,
/// and nothing else touched (unattacked agents, masks, entity and item kinds and presence, tasks).
@Suite struct BudgetInvariantTests {
    static let attacks: [(String, @Sendable (UInt64) -> ObservationAttack)] = [
        ("uniform", { NoiseAttack(kind: .uniform, seed: $0) }), ("gaussian", { NoiseAttack(kind: .gaussian, seed: $0) }),
        ("exponential", { NoiseAttack(kind: .exponential, seed: $0) }), ("ou", { NoiseAttack(kind: .ornsteinUhlenbeck, seed: $0) }),
        ("hadamard", { HadamardAttack(seed: $0) }), ("wild", { _ in WildAttack() }),
    ]

    @Test(arguments: [PerturbationBudget(epsilon: 0.05, tileFlips: 3), PerturbationBudget(epsilon: 0.2, tileFlips: 1, realisable: true)])
    func everyAttackStaysInsideTheBudget(budget: PerturbationBudget) throws {
        let fixture = try AttackFixture(ticks: 25)
        for (name, make) in Self.attacks {
            let frame = fixture.frame(budget: budget)
            let reference = fixture.frame(budget: budget)
            let attack = make(9)
            for _ in 0..<3 {
                frame.load(fixture.storage.buffers)
                reference.load(fixture.storage.buffers)
                attack.perturb(frame)
                frame.project()
                try check(frame, against: reference.features, budget: budget, attack: name)
            }
            #expect(frame.statistics.agentSteps == 3 * frame.attackedCount)
            #expect(frame.statistics.largestChange <= budget.epsilon * 1.0001, "\(name)")
            #expect(frame.statistics.featuresChanged > 0, "\(name) changed nothing")
            if budget.tileFlips > 0 { #expect(frame.statistics.tilesFlipped > 0, "\(name) flipped no tile") }
        }
    }

    func check(_ frame: AttackFrame, against clean: FeatureBatch, budget: PerturbationBudget, attack: String) throws {
        let features = frame.features, observation = frame.surface.features
        let side = observation.side, tiles = side * side
        for agent in 0..<frame.totalAgents {
            let attacked = frame.targets.isAttacked(agent) && frame.alive[agent] != 0
            var flips = 0
            for tile in 0..<tiles {
                let before = clean.tileIDs[agent * tiles + tile], after = features.tileIDs[agent * tiles + tile]
                guard before != after else { continue }
                flips += 1
                #expect(attacked, "\(attack) flipped a tile of unattacked agent \(agent)")
                #expect(TileCode.occupant(before) == TileCode.occupant(after) && TileCode.material(after) >= 1, "\(attack)")
            }
            #expect(flips <= budget.tileFlips, "\(attack): \(flips) flips")
            #expect(features.tasks[agent] == clean.tasks[agent])
            // Kind one-hots and row masks are the pointer targets: never changed.
            for entity in 0..<observation.entityRows {
                let row = agent * observation.entityRows + entity
                #expect(features.entityMask[row] == clean.entityMask[row])
                for c in 0..<ObservationFeatures.entityNumericOffset { #expect(features.entities[row, c] == clean.entities[row, c]) }
            }
            for slot in 0..<observation.inventoryRows {
                let row = agent * observation.inventoryRows + slot
                #expect(features.inventoryMask[row] == clean.inventoryMask[row])
                for c in 0..<ObservationFeatures.inventoryNumericOffset { #expect(features.inventory[row, c] == clean.inventory[row, c]) }
            }
            // The goal is out of reach without the task ablation.
            #expect(features.selfFeatures[agent, ObservationFeatures.selfWidth - 1] == clean.selfFeatures[agent, ObservationFeatures.selfWidth - 1])
            // Numeric coordinates: within epsilon of the range's width and inside the range.
            let x = UnsafeMutablePointer<Float>.allocate(capacity: frame.width), y = UnsafeMutablePointer<Float>.allocate(capacity: frame.width)
            let active = UnsafeMutablePointer<UInt8>.allocate(capacity: frame.width)
            defer { x.deallocate(); y.deallocate(); active.deallocate() }
            frame.surface.read(clean, row: agent, into: x, active: active)
            frame.surface.read(features, row: agent, into: y, active: active)
            for c in 0..<frame.width where y[c] != x[c] {
                #expect(attacked && active[c] != 0, "\(attack) changed coordinate \(c) of agent \(agent)")
                let width = frame.surface.upper[c] - frame.surface.lower[c]
                #expect(abs(y[c] - x[c]) <= budget.epsilon * width * 1.0001 + 1e-6, "\(attack) coordinate \(frame.surface.columns[c].name)")
                #expect(y[c] >= min(frame.surface.lower[c], x[c]) && y[c] <= max(frame.surface.upper[c], x[c]))
                if budget.realisable {
                    #expect(frame.surface.columns[c].realise(y[c], clean: y[c], radius: 0) == y[c], "\(attack): \(y[c]) not realisable")
                }
            }
        }
    }

    /// The masks in the step buffers are not the attack's to change: the frame never writes them.
    @Test func masksAreUntouched() throws {
        let fixture = try AttackFixture(ticks: 8)
        let masks = Array(fixture.storage.buffers.masks)
        let frame = fixture.frame(budget: PerturbationBudget(epsilon: 0.5, tileFlips: 5))
        frame.load(fixture.storage.buffers)
        WildAttack().perturb(frame)
        frame.project()
        #expect(Array(fixture.storage.buffers.masks) == masks)
    }
}

/// An attack that ignores its budget entirely: every coordinate of every agent (attacked or not)
/// to +-1000 or NaN, and every tile of every agent to another id, occupants included.
final class WildAttack: ObservationAttack {
    let name = "wild"
    func perturb(_ frame: AttackFrame) {
        for agent in 0..<frame.totalAgents {
            for c in 0..<frame.width { frame.perturbed[agent * frame.width + c] = c % 7 == 0 ? .nan : (c % 2 == 0 ? 1000 : -1000) }
            for tile in 0..<frame.tiles { frame.features.tileIDs[agent * frame.tiles + tile] = Int32((tile * 7) % 96) }
        }
    }
}
