import Testing
@testable import MMOAttack

/// The gradient Align ascends and the tile scores its flips follow agree with what J actually does.
@Suite struct GroupMisalignmentTests {
    /// An engine loaded with the first team of the shared fixture that has at least three living
    /// members in M, at delta 0, and its J.
    func loaded() throws -> (GroupMisalignment, AttackFrame, Double) {
        let align = try AlignFixture.shared.get()
        let frame = align.fixture.frame(budget: PerturbationBudget(epsilon: 0.1, tileFlips: 1), targets: align.targets)
        frame.load(align.fixture.storage.buffers)
        let engine = GroupMisalignment(model: align.model, encoding: AlignmentEncoding(surface: frame.surface), capacity: 1)
        let group = try #require((0..<frame.targets.groups).first { group in
            (0..<frame.targets.groupSize).count { frame.alive[frame.targets.agent(group: group, index: $0)] != 0 } >= 3
        })
        engine.load(groups: group..<group + 1, frame: frame, source: .clean, epsilon: 0.1)
        engine.evaluate(gradient: true)
        return (engine, frame, engine.errors[0])
    }

    @Test func theGradientMatchesFiniteDifferences() throws {
        let (engine, _, _) = try loaded()
        #expect(engine.rows >= 3)
        // Along s = sign(gradient) over the movable coordinates, dJ/dh = sum |gradient|.
        var signs: [(member: Int, c: Int, sign: Float)] = [], slope = 0.0
        for row in 0..<engine.rows {
            let member = Int(engine.rowMember[row])
            for c in 0..<engine.width where engine.high[member * engine.width + c] > engine.low[member * engine.width + c] {
                let g = engine.inputPart[member * engine.dimension + c] + engine.targetGradient(row: row, c)
                signs.append((member, c, g > 0 ? 1 : -1))
                slope += Double(abs(g))
            }
        }
        #expect(signs.count > 50 && slope > 0)
        func j(_ h: Float) -> Double {
            for (member, c, sign) in signs { engine.delta[member * engine.width + c] = h * sign }
            engine.evaluate(gradient: false)
            return engine.errors[0]
        }
        let h: Float = 1e-3
        let difference = (j(h) - j(-h)) / Double(2 * h)
        #expect(abs(difference - slope) < 0.01 * slope, "finite difference \(difference), gradient \(slope)")
    }

    /// Every living member flips its best tile; J rises by about the sum of the scored gains (each
    /// exact for the member's own error, first order for its teammates').
    @Test func theBestFlipsRaiseJAsScored() throws {
        let (engine, frame, before) = try loaded()
        let summary = engine.dimension - engine.width, blocks = summary / MisalignmentTileScores.materials
        let residual = UnsafeMutablePointer<Float>.allocate(capacity: summary), best = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * blocks)
        defer { residual.deallocate(); best.deallocate() }
        var flips: [(agent: Int, tile: Int, material: Int)] = [], scored = 0.0
        for row in 0..<engine.rows {
            let member = Int(engine.rowMember[row]), agent = Int(engine.agents[member])
            let output = engine.workspace.prediction + row * engine.dimension + engine.width
            let target = engine.workspace.target.pointer + row * engine.dimension + engine.width
            for index in 0..<summary { residual[index] = output[index] - target[index] }
            let scores = MisalignmentTileScores(residual: residual, inputGradient: engine.inputPart + member * engine.dimension + engine.width,
                                                weight: 1 / Float(engine.dimension * Int(engine.livingCount[0])), blocks: blocks,
                                                bestTo: best, secondTo: best + blocks)
            scores.rankTargets()
            var flip: (gain: Float, tile: Int, material: Int) = (-.infinity, -1, 0)
            for tile in 0..<frame.tiles {
                let from = TileCode.material(frame.cleanTiles[agent * frame.tiles + tile])
                let (gain, material) = scores.bestFlip(block: Int(engine.encoding.tileBlock[tile]), from: from)
                if gain > flip.gain { flip = (gain, tile, material) }
            }
            #expect(flip.gain > 0)
            flips.append((agent, flip.tile, flip.material))
            scored += Double(flip.gain)
        }
        engine.flipTiles(1, frame: frame)
        for (agent, tile, material) in flips {
            let written = frame.features.tileIDs[agent * frame.tiles + tile], clean = frame.cleanTiles[agent * frame.tiles + tile]
            #expect(TileCode.material(written) == material && TileCode.occupant(written) == TileCode.occupant(clean))
        }
        // The flips are in the members' summaries too: J measured again.
        engine.evaluate(gradient: false)
        let gain = engine.errors[0] - before
        #expect(gain > 0 && abs(gain - scored) < 0.05 * scored, "J rose by \(gain), scored \(scored)")
    }
}
