import MMONet

/// The misalignment J of a pass of victim groups at one step, and its gradient with respect to the
/// members' vectors: what Align ascends and what the probe measures. Holds, per member of the
/// loaded groups, its encoded vector z, a perturbation delta of its numeric coordinates (in range
/// units, so clip(x + delta x range) is z + delta) and the box delta may take; a group counts when
/// at least two of its members live, and then has one row per living member. One per worker
/// thread, allocated once for a pass's largest group count.
final class GroupMisalignment: @unchecked Sendable {
    let model: MisalignmentModel
    let encoding: AlignmentEncoding
    let capacity: Int
    let places: Int, dimension: Int, width: Int
    let workspace: MisalignmentWorkspace
    /// [capacity x places, dimension] the members' vectors (zeros for the dead).
    let members: UnsafeMutablePointer<Float>
    /// [capacity x places, width] delta and its bounds (both 0 where a coordinate may not move).
    let delta: UnsafeMutablePointer<Float>
    let low: UnsafeMutablePointer<Float>
    let high: UnsafeMutablePointer<Float>
    /// [capacity x places, dimension] d J / d member vector through its teammates' rows (inputs).
    let inputPart: UnsafeMutablePointer<Float>
    /// Per member: its agent, and its row (-1: dead or its group does not count).
    let agents: UnsafeMutablePointer<Int32>
    let memberRow: UnsafeMutablePointer<Int32>
    /// Per group: living members when it counts (else 0), and its J after `evaluate`.
    let livingCount: UnsafeMutablePointer<Int32>
    let errors: UnsafeMutablePointer<Double>
    /// Per row: the member it predicts.
    let rowMember: UnsafeMutablePointer<Int32>
    /// The greedy flips' running residual of one member's tile summary, and each block's two best
    /// materials to flip to.
    private let residual: UnsafeMutablePointer<Float>
    private let bestTo: UnsafeMutablePointer<Int32>
    private let secondTo: UnsafeMutablePointer<Int32>
    private(set) var groupCount = 0
    private(set) var rows = 0

    /// Where `load` reads the members' vectors: the clean observations or the projected perturbed ones.
    enum Source { case clean, perturbed }

    init(model: MisalignmentModel, encoding: AlignmentEncoding, capacity: Int) {
        precondition(model.dimension == encoding.dimension, "the model is for another observation encoding")
        self.model = model
        self.encoding = encoding
        self.capacity = capacity
        places = model.places
        dimension = model.dimension
        width = encoding.numericWidth
        workspace = MisalignmentWorkspace(model: model, capacity: capacity * places, inputGradient: true)
        let memberCount = capacity * places, summary = dimension - width
        members = .zeroed(memberCount * dimension)
        delta = .zeroed(memberCount * width)
        low = .zeroed(memberCount * width)
        high = .zeroed(memberCount * width)
        inputPart = .zeroed(memberCount * dimension)
        agents = .zeroed(memberCount)
        memberRow = .zeroed(memberCount)
        livingCount = .zeroed(capacity)
        errors = .zeroed(capacity)
        rowMember = .zeroed(memberCount)
        residual = .zeroed(summary)
        bestTo = .zeroed(summary / MisalignmentTileScores.materials)
        secondTo = .zeroed(summary / MisalignmentTileScores.materials)
    }

    deinit {
        for pointer in [members, delta, low, high, inputPart, residual] { pointer.deallocate() }
        for pointer in [agents, memberRow, livingCount, rowMember, bestTo, secondTo] { pointer.deallocate() }
        errors.deallocate()
    }

    /// Loads `groups` of `frame` (its targets' M) from `source`, with delta 0. With `epsilon` (an
    /// attack), also each numeric coordinate's box: the frame's active coordinates may move by
    /// epsilon range units and stay in their valid range, as `AttackFrame.project` allows.
    func load(groups: Range<Int>, frame: AttackFrame, source: Source, epsilon: Float? = nil) {
        precondition(groups.count <= capacity, "a pass of \(groups.count) groups exceeds \(capacity)")
        precondition(frame.targets.groupSize == places, "the model is for M of \(places) places, the frame attacks \(frame.targets.groupSize)")
        groupCount = groups.count
        rows = 0
        for (local, group) in groups.enumerated() {
            var living: Int32 = 0
            for place in 0..<places {
                let member = local * places + place, agent = frame.targets.agent(group: group, index: place)
                agents[member] = Int32(agent)
                let z = members + member * dimension
                if frame.alive[agent] != 0 {
                    living += 1
                    switch source {
                    case .clean: encoding.encode(frame.clean + agent * width, tiles: frame.cleanTiles + agent * frame.tiles, into: z)
                    case .perturbed: encoding.encode(frame.perturbed + agent * width, tiles: frame.features.tileIDs + agent * frame.tiles, into: z)
                    }
                } else {
                    z.update(repeating: 0, count: dimension)
                }
                (delta + member * width).update(repeating: 0, count: width)
                if let epsilon { setBox(member: member, agent: agent, frame: frame, epsilon: epsilon) }
            }
            livingCount[local] = living >= 2 ? living : 0
            for place in 0..<places {
                let member = local * places + place
                guard livingCount[local] > 0, frame.alive[Int(agents[member])] != 0 else { memberRow[member] = -1; continue }
                memberRow[member] = Int32(rows)
                rowMember[rows] = Int32(member)
                rows += 1
            }
        }
    }

    private func setBox(member: Int, agent: Int, frame: AttackFrame, epsilon: Float) {
        let z = members + member * dimension, active = frame.active + agent * width
        let lower = low + member * width, upper = high + member * width
        for c in 0..<width {
            guard active[c] != 0, encoding.range[c] > 0, frame.alive[agent] != 0 else { lower[c] = 0; upper[c] = 0; continue }
            lower[c] = max(min(0, z[c]) - z[c], -epsilon)
            upper[c] = min(max(1, z[c]) - z[c], epsilon)
        }
    }

    /// J of every counted group at the current delta (delta in its teammates' inputs and in its
    /// own target), into `errors`; with `gradient`, also d J / d each member's vector through the
    /// inputs into `inputPart` (the target's part is `targetGradient`).
    func evaluate(gradient: Bool) {
        guard rows > 0 else { return }
        let input = workspace.input.pointer, target = workspace.target.pointer, inputWidth = model.inputWidth
        for row in 0..<rows {
            let member = Int(rowMember[row]), local = member / places, place = member % places
            let line = input + row * inputWidth
            for other in 0..<places where other != place {
                write(member: local * places + other, into: line + model.inputOffset(of: other, predicting: place))
            }
            model.setPlace(place, row: line)
            write(member: member, into: target + row * dimension)
        }
        model.forward(rows: rows, workspace)
        let output = workspace.output(rows).pointer
        errors.update(repeating: 0, count: groupCount)
        for row in 0..<rows {
            let local = Int(rowMember[row]) / places
            errors[local] += squaredError(output + row * dimension, target + row * dimension, count: dimension) / Double(dimension * Int(livingCount[local]))
        }
        guard gradient else { return }
        let outputGradient = workspace.outputGradient(rows).pointer
        for row in 0..<rows {
            let scale = 2 / Float(dimension * Int(livingCount[Int(rowMember[row]) / places]))
            for c in 0..<dimension { outputGradient[row * dimension + c] = scale * (output[row * dimension + c] - target[row * dimension + c]) }
        }
        model.backwardToInput(rows: rows, workspace)
        let inputGradient = workspace.inputGradient!.pointer
        inputPart.update(repeating: 0, count: groupCount * places * dimension)
        for row in 0..<rows {
            let member = Int(rowMember[row]), local = member / places, place = member % places
            for other in 0..<places where other != place && memberRow[local * places + other] >= 0 {
                let from = inputGradient + row * inputWidth + model.inputOffset(of: other, predicting: place)
                let to = inputPart + (local * places + other) * dimension
                for c in 0..<dimension { to[c] += from[c] }
            }
        }
    }

    /// z + delta of `member` (delta on the numeric coordinates only).
    private func write(member: Int, into out: UnsafeMutablePointer<Float>) {
        let z = members + member * dimension, d = delta + member * width
        for c in 0..<width { out[c] = z[c] + d[c] }
        (out + width).update(from: z + width, count: dimension - width)
    }

    /// d J / d coordinate `c` of the target of row `row` (the member's own prediction error), as
    /// left by the last `evaluate`.
    @inline(__always) func targetGradient(row: Int, _ c: Int) -> Float {
        let local = Int(rowMember[row]) / places
        let scale = -2 / Float(dimension * Int(livingCount[local]))
        return scale * (workspace.prediction[row * dimension + c] - workspace.target.pointer[row * dimension + c])
    }

    /// One signed-gradient step of `alpha` range units on every living member's numeric delta,
    /// kept inside its box; coordinates whose gradient is 0 stay.
    func signStep(alpha: Float) {
        for row in 0..<rows {
            let member = Int(rowMember[row])
            let d = delta + member * width, lower = low + member * width, upper = high + member * width
            let through = inputPart + member * dimension
            for c in 0..<width where upper[c] > lower[c] {
                let g = through[c] + targetGradient(row: row, c)
                let moved = g > 0 ? d[c] + alpha : g < 0 ? d[c] - alpha : d[c]
                d[c] = min(max(moved, lower[c]), upper[c])
            }
        }
    }

    /// Writes every living member's perturbed numeric vector, clean + delta x range.
    func writePerturbed(into frame: AttackFrame) {
        for row in 0..<rows {
            let member = Int(rowMember[row]), agent = Int(agents[member])
            let x = frame.clean + agent * width, y = frame.perturbed + agent * width, d = delta + member * width
            for c in 0..<width { y[c] = x[c] + d[c] * encoding.range[c] }
        }
    }

    /// Up to `k` tile flips per living member, greedily by the increase of J they bring (as
    /// `MisalignmentTileScores` scores them at the state of the last `evaluate(gradient: true)`),
    /// written into the member's row of `frame.features.tileIDs` and into its summary in `members`
    /// (later evaluations see them); only flips that raise J are made.
    func flipTiles(_ k: Int, frame: AttackFrame) {
        guard k > 0 else { return }
        let summary = dimension - width, tiles = frame.tiles
        for row in 0..<rows {
            let member = Int(rowMember[row]), agent = Int(agents[member])
            let output = workspace.prediction + row * dimension + width, target = workspace.target.pointer + row * dimension + width
            for index in 0..<summary { residual[index] = output[index] - target[index] }
            let scores = MisalignmentTileScores(residual: residual, inputGradient: inputPart + member * dimension + width,
                                                weight: 1 / Float(dimension * Int(livingCount[member / places])),
                                                blocks: summary / MisalignmentTileScores.materials, bestTo: bestTo, secondTo: secondTo)
            let ids = frame.features.tileIDs + agent * tiles, original = frame.cleanTiles + agent * tiles
            for _ in 0..<k {
                scores.rankTargets()
                var best: (gain: Float, tile: Int, material: Int) = (0, -1, 0)
                for tile in 0..<tiles where ids[tile] == original[tile] {
                    let block = Int(encoding.tileBlock[tile]), from = TileCode.material(original[tile])
                    let (gain, material) = scores.bestFlip(block: block, from: from)
                    if gain > best.gain { best = (gain, tile, material) }
                }
                guard best.tile >= 0 else { break }
                let block = Int(encoding.tileBlock[best.tile]), from = TileCode.material(original[best.tile])
                scores.apply(block: block, from: from, to: best.material)
                ids[best.tile] = TileCode.with(material: best.material, of: original[best.tile])
                let z = members + member * dimension
                z[encoding.summaryIndex(block: block, material: from)] -= MisalignmentTileScores.unit
                z[encoding.summaryIndex(block: block, material: best.material)] += MisalignmentTileScores.unit
            }
        }
    }
}
