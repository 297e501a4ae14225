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

    @Test func theBestFlipRaisesJAsScored() throws {
        let (engine, frame, before) = try loaded()
        let member = Int(engine.rowMember[0]), agent = Int(engine.agents[member])
        let clean = Array(UnsafeBufferPointer(start: frame.cleanTiles + agent * frame.tiles, count: frame.tiles))
        // The flip the attack would make first, and the gain it expects.
        let scale = 1 / Float(engine.dimension * Int(engine.livingCount[0]))
        let summary = engine.dimension - engine.width, blocks = summary / MisalignmentTileScores.materials
        let residual = UnsafeMutablePointer<Float>.allocate(capacity: summary), best = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * blocks)
        defer { residual.deallocate(); best.deallocate() }
        let output = engine.workspace.prediction + engine.width, target = engine.workspace.target.pointer + engine.width
        for index in 0..<summary { residual[index] = output[index] - target[index] }
        let scores = MisalignmentTileScores(residual: residual, inputGradient: engine.inputPart + member * engine.dimension + engine.width,
                                            weight: scale, blocks: blocks, bestTo: best, secondTo: best + blocks)
        scores.rankTargets()
        var flip: (gain: Float, tile: Int, material: Int) = (-.infinity, -1, 0)
        for tile in 0..<frame.tiles {
            let (gain, material) = scores.bestFlip(block: Int(engine.encoding.tileBlock[tile]), from: TileCode.material(clean[tile]))
            if gain > flip.gain { flip = (gain, tile, material) }
        }
        #expect(flip.gain > 0)
        engine.flipTiles(1, frame: frame)
        let written = frame.features.tileIDs[agent * frame.tiles + flip.tile]
        #expect(TileCode.material(written) == flip.material && TileCode.occupant(written) == TileCode.occupant(clean[flip.tile]))
        // Apply the flip to the member's summary and measure J again.
        let block = Int(engine.encoding.tileBlock[flip.tile]), unit = MisalignmentTileScores.unit
        engine.members[member * engine.dimension + engine.encoding.summaryIndex(block: block, material: TileCode.material(clean[flip.tile]))] -= unit
        engine.members[member * engine.dimension + engine.encoding.summaryIndex(block: block, material: flip.material)] += unit
        engine.evaluate(gradient: false)
        let gain = engine.errors[0] - before
        #expect(gain > 0 && abs(gain - Double(flip.gain)) < 0.05 * Double(flip.gain), "J rose by \(gain), scored \(flip.gain)")
    }
}
