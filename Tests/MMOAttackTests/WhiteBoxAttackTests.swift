import MMOAttack
import MMOCore
import MMOEnv
import MMONet
import MMOTrain
import Testing

/// The white-box attack (FGSM and PGD on -max pi over legal actions): it lowers the victim's
/// confidence in its greedy action, stays inside the budget, and repeats bit for bit on any
/// number of threads.
@Suite struct WhiteBoxAttackTests {
    /// The fixture with its heads' logits scaled up, so the policy is as far from uniform as a
    /// trained one (the 0.01-gain start is nearly uniform, where max pi barely moves).
    static func fixture(environments: Int = 1) throws -> AttackFixture {
        let fixture = try AttackFixture(environments: environments)
        let network = fixture.network
        for slice in network.parameters.slices where slice.name.hasPrefix("heads.") {
            let values = slice.pointer(in: network.parameters.values.pointer)
            for index in 0..<slice.count { values[index] *= 40 }
        }
        return fixture
    }

    /// The mean over the frame's attacked agents of log max_a pi(a | their row of `frame.features`).
    static func meanGreedyLogProbability(_ network: PolicyNetwork, frame: AttackFrame) -> Double {
        let rows = frame.attackedCount
        let workspace = PolicyWorkspace(network: network, capacity: rows)
        for row in 0..<rows {
            let agent = Int(frame.attacked[row])
            workspace.features.copyRow(agent, of: frame.features, to: row)
            (workspace.masks + row * frame.maskWidth).update(from: frame.masks! + agent * frame.maskWidth, count: frame.maskWidth)
        }
        network.forward(rows: rows, workspace: workspace)
        network.sample(rows: rows, workspace: workspace, greedy: true)
        return (0..<rows).reduce(0.0) { $0 + Double(workspace.logProbs[$1]) } / Double(rows)
    }

    /// log max pi of the attacked agents, clean and after the attack (by default the white-box one with `method`).
    static func confidence(method: WhiteBoxAttack.Method, budget: PerturbationBudget,
                           attack: ((PolicyNetwork) -> ObservationAttack)? = nil) throws -> (clean: Double, attacked: Double, frame: AttackFrame) {
        let fixture = try Self.fixture()
        let frame = fixture.frame(budget: budget)
        frame.load(fixture.storage.buffers)
        let clean = meanGreedyLogProbability(fixture.network, frame: frame)
        (attack ?? { WhiteBoxAttack(network: $0, method: method) })(fixture.network).perturb(frame)
        frame.project()
        return (clean, meanGreedyLogProbability(fixture.network, frame: frame), frame)
    }

    @Test func bothMethodsLowerTheGreedyActionsProbability() throws {
        let budget = PerturbationBudget(epsilon: 0.05)
        let fgsm = try Self.confidence(method: .fgsm, budget: budget)
        let pgd = try Self.confidence(method: .pgd(steps: 10), budget: budget)
        #expect(fgsm.frame.attackedCount >= 16)
        #expect(fgsm.attacked < fgsm.clean - 0.05, "FGSM: log max pi \(fgsm.clean) -> \(fgsm.attacked)")
        #expect(pgd.clean == fgsm.clean)
        #expect(pgd.attacked < pgd.clean - 0.05, "PGD: log max pi \(pgd.clean) -> \(pgd.attacked)")
        // On this fixture PGD's ten small steps, each re-aiming at the current greedy action, go further than one full step.
        #expect(pgd.attacked <= fgsm.attacked, "PGD \(pgd.attacked) against FGSM \(fgsm.attacked)")
        // Uniform noise of the same budget hurts far less: the gradient's direction matters.
        let noise = try Self.confidence(method: .fgsm, budget: budget) { _ in NoiseAttack(kind: .uniform, seed: 3) }
        #expect(noise.clean - noise.attacked < (fgsm.clean - fgsm.attacked) / 2, "noise: log max pi \(noise.clean) -> \(noise.attacked)")
        // Realisable budgets (rounded by the frame) still hurt.
        let realisable = try Self.confidence(method: .pgd(steps: 10), budget: PerturbationBudget(epsilon: 0.05, realisable: true))
        #expect(realisable.attacked < realisable.clean)
    }

    /// Tile flips alone (epsilon 0): the greedy first-order choice lowers the confidence too.
    @Test func tileFlipsAloneLowerTheGreedyActionsProbability() throws {
        let result = try Self.confidence(method: .fgsm, budget: PerturbationBudget(epsilon: 0, tileFlips: 3))
        #expect(result.attacked < result.clean, "log max pi \(result.clean) -> \(result.attacked)")
        #expect(result.frame.statistics.featuresChanged == 0)
        #expect(result.frame.statistics.tilesFlipped > 2 * result.frame.attackedCount)
    }

    /// After `project`: every numeric change within epsilon x the range's width and inside the
    /// valid range, inactive coordinates and unattacked agents untouched, at most k tile flips per
    /// agent, each keeping the tile's occupant; the attack itself already kept inside the budget
    /// (the projection moves nothing).
    @Test func perturbationsStayInsideTheBudget() throws {
        let fixture = try Self.fixture()
        let budget = PerturbationBudget(epsilon: 0.1, tileFlips: 2)
        let frame = fixture.frame(budget: budget), reference = fixture.frame(budget: budget)
        frame.load(fixture.storage.buffers)
        reference.load(fixture.storage.buffers)
        let attack = WhiteBoxAttack(network: fixture.network, method: .pgd(steps: 4))
        attack.perturb(frame)
        let width = frame.width, tiles = frame.tiles
        let before = Array(UnsafeBufferPointer(start: frame.perturbed, count: frame.totalAgents * width))
        frame.project()
        #expect(Array(UnsafeBufferPointer(start: frame.perturbed, count: frame.totalAgents * width)) == before)
        let surface = frame.surface
        var changed = 0
        for agent in 0..<frame.totalAgents {
            let x = frame.clean + agent * width, y = frame.perturbed + agent * width
            guard frame.targets.isAttacked(agent), frame.alive[agent] != 0 else {
                let row = frame.surface.features.side * frame.surface.features.side
                #expect(Array(UnsafeBufferPointer(start: frame.features.tileIDs + agent * row, count: row))
                        == Array(UnsafeBufferPointer(start: reference.features.tileIDs + agent * row, count: row)))
                #expect(Array(UnsafeBufferPointer(start: frame.features.selfFeatures.row(agent), count: frame.features.selfFeatures.columns))
                        == Array(UnsafeBufferPointer(start: reference.features.selfFeatures.row(agent), count: frame.features.selfFeatures.columns)))
                continue
            }
            for c in 0..<width {
                let radius = surface.radius(c, epsilon: budget.epsilon)
                if frame.active[agent * width + c] == 0 { #expect(y[c] == x[c]); continue }
                #expect(abs(y[c] - x[c]) <= radius * 1.0001 + 1e-6)
                // Inside the valid range, or between it and a clean value outside it.
                #expect(y[c] >= min(surface.lower[c], x[c]) - 1e-6 && y[c] <= max(surface.upper[c], x[c]) + 1e-6)
                if y[c] != x[c] { changed += 1 }
            }
            var flips = 0
            for tile in 0..<tiles where frame.features.tileIDs[agent * tiles + tile] != frame.cleanTiles[agent * tiles + tile] {
                flips += 1
                #expect(TileCode.isFlip(from: frame.cleanTiles[agent * tiles + tile], to: frame.features.tileIDs[agent * tiles + tile]))
            }
            #expect(flips <= budget.tileFlips)
        }
        #expect(changed > frame.attackedCount * 10)
        #expect(frame.statistics.largestChange <= budget.epsilon * 1.0001)
    }

    /// Three environments, every agent attacked: two passes of rows, split over 1 or 2 threads.
    @Test func theAttackRepeatsOnAnyThreadCount() throws {
        func run(threads: Int) throws -> (perturbed: [Float], tiles: [Int32]) {
            let fixture = try Self.fixture(environments: 3)
            let frame = fixture.frame(budget: PerturbationBudget(epsilon: 0.05, tileFlips: 3), targets: fixture.targets(fraction: 1), threads: threads)
            frame.load(fixture.storage.buffers)
            #expect(frame.attackedCount > WhiteBoxAttack.passRows)
            let attack = WhiteBoxAttack(network: fixture.network, method: .pgd(steps: 3))
            attack.perturb(frame)
            frame.project()
            // A second step reuses the workers' buffers.
            frame.load(fixture.storage.buffers)
            attack.perturb(frame)
            frame.project()
            return (Array(UnsafeBufferPointer(start: frame.perturbed, count: frame.totalAgents * frame.width)),
                    Array(UnsafeBufferPointer(start: frame.features.tileIDs, count: frame.totalAgents * frame.tiles)))
        }
        let one = try run(threads: 1), two = try run(threads: 2)
        #expect(one.perturbed == two.perturbed)
        #expect(one.tiles == two.tiles)
    }
}
