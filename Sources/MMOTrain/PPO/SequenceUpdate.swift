import MMONet

/// The PPO update of a recurrent policy (truncated BPTT, CleanRL's `ppo_atari_lstm` scheme on
/// PufferLib's segments): a sample is a sequence, one agent's `bpttSteps` consecutive entries of
/// one rollout segment, replayed from the state the agent had when the segment began. Sequences
/// without a valid entry are skipped; a minibatch is `minibatchSize / bpttSteps` shuffled sequences
/// (at least one), cut into passes of `passRows / bpttSteps` sequences laid out time-major.
///
/// Inside a sequence the state entering a step is zeroed where the agent's previous entry was done
/// or not a sample (it died, and its next valid entry begins a new episode from zero, as in
/// collection). Entries that are not samples (a dead agent's place) run as empty observations
/// with only the "nothing" options legal, and carry no gradient and no weight in the statistics,
/// the advantage normalisation or the normaliser, which counts the minibatch's valid entries.
extension Trainer {
    static func sequencesPerMinibatch(_ config: PPOConfig) -> Int { max(1, config.minibatchSize / config.bpttSteps) }
    static func sequencesPerPass(_ config: PPOConfig) -> Int { max(1, PolicyWorkspace.passRows / config.bpttSteps) }

    func sequenceUpdate(learningRate: Float, report: inout IterationReport) {
        let agents = rollout.agents, length = rollout.segmentSteps, segments = rollout.steps / length
        var sequences: [Int32] = []
        for segment in 0..<segments {
            for agent in 0..<agents where (0..<length).contains(where: { rollout.valid[(segment * length + $0) * agents + agent] != 0 }) {
                sequences.append(Int32(segment * agents + agent))
            }
        }
        guard !sequences.isEmpty else { return }
        report.explainedVariance = explainedVariance(rollout.sampleIndices())
        var random = NetRandom(seed: config.seed &+ UInt64(updates) &* 0xD1B5_4A32_D192_ED03)
        let perMinibatch = Self.sequencesPerMinibatch(config)
        for _ in 0..<config.updateEpochs {
            random.shuffle(&sequences)
            var start = 0
            while start < sequences.count {
                let end = min(start + perMinibatch, sequences.count)
                sequences.withUnsafeBufferPointer { all in
                    let statistics = sequenceMinibatchStep(UnsafeBufferPointer(rebasing: all[start..<end]), learningRate: learningRate, report: &report)
                    report.losses.add(statistics)
                }
                start = end
            }
        }
    }

    /// The rollout entry of step `t` of sequence `sequence` (segment * agents + agent).
    @inline(__always) private func entry(_ sequence: Int, _ t: Int) -> Int {
        let agents = rollout.agents, segment = sequence / agents, agent = sequence % agents
        return (segment * rollout.segmentSteps + t) * agents + agent
    }

    /// One Adam step on the sequences `sequences`.
    private func sequenceMinibatchStep(_ sequences: UnsafeBufferPointer<Int32>, learningRate: Float,
                                       report: inout IterationReport) -> PPOObjective.Statistics {
        let length = rollout.segmentSteps
        var samples = 0, mean = 0.0, squares = 0.0
        for sequence in sequences {
            for t in 0..<length {
                let index = entry(Int(sequence), t)
                guard rollout.valid[index] != 0 else { continue }
                let a = Double(rollout.advantages[index])
                samples += 1
                mean += a
                squares += a * a
            }
        }
        mean /= Double(samples)
        let std = (max(squares / Double(samples) - mean * mean, 0)).squareRoot()
        let normalise = config.normaliseAdvantages
        let count = sequences.count
        let threads = updateWorkspaces.count
        let perPass = Self.sequencesPerPass(config)
        let passes = (count + perPass - 1) / perPass
        let states = rollout.segmentStates!
        let width = states.shape[2]
        passStatistics.withUnsafeMutableBufferPointer { statistics in
            runWorkers(min(threads, passes)) { worker in
                let w = updateWorkspaces[worker]
                let scratch = minibatchScratch[worker].pointer, capacity = w.capacity
                let oldLogProbs = scratch, advantages = scratch + capacity, oldValues = scratch + 2 * capacity, returns = scratch + 3 * capacity
                for pass in stride(from: worker, to: passes, by: threads) {
                    let positions = pass * count / passes..<(pass + 1) * count / passes
                    let batch = positions.count, rows = batch * length
                    for (b, position) in positions.enumerated() {
                        let sequence = Int(sequences[position])
                        (w.initialState.pointer + b * width).update(from: states.pointer + sequence * width, count: width)
                        for t in 0..<length {
                            let row = t * batch + b, index = entry(sequence, t)
                            if t == 0 {
                                w.resets[row] = 0
                            } else {
                                let previous = entry(sequence, t - 1)
                                w.resets[row] = rollout.valid[previous] == 0 || rollout.dones[previous] != 0 ? 1 : 0
                            }
                            write(entry: index, row: row, workspace: w)
                            oldLogProbs[row] = rollout.logProbs[index]
                            let advantage = rollout.advantages[index]
                            advantages[row] = normalise ? Float((Double(advantage) - mean) / (std + 1e-8)) : advantage
                            oldValues[row] = rollout.values[index]
                            returns[row] = rollout.returns[index]
                        }
                    }
                    network.forward(rows: rows, workspace: w, steps: length)
                    network.evaluate(rows: rows, workspace: w)
                    statistics[pass] = objective.evaluate(count: rows, normaliser: samples, valid: w.rowValid, logProbs: w.logProbs,
                                                          oldLogProbs: oldLogProbs, advantages: advantages, values: w.values,
                                                          oldValues: oldValues, returns: returns, entropies: w.entropies,
                                                          logProbGradients: w.logProbGradients, valueGradients: w.valueGradients)
                    passGradients[pass].fill(0)
                    network.backward(rows: rows, entropyGradient: -config.entropyCoefficient / Float(samples), valid: w.rowValid,
                                     workspace: w, into: passGradients[pass])
                }
            }
        }
        return applyPassGradients(passes, learningRate: learningRate, report: &report)
    }

    /// Puts rollout entry `index` in row `row` of the workspace: its observation, mask and actions
    /// when it is a sample, else an empty observation whose every head may only do nothing.
    private func write(entry index: Int, row: Int, workspace w: PolicyWorkspace) {
        let maskWidth = network.maskWidth, mask = w.masks + row * maskWidth
        if rollout.valid[index] != 0 {
            w.rowValid[row] = 1
            network.observation.write(rollout.observation(index), row: row, into: w.features)
            mask.update(from: rollout.mask(index), count: maskWidth)
            for head in 0..<network.headCount { w.actions[head * w.capacity + row] = rollout.action(index)[head] }
        } else {
            w.rowValid[row] = 0
            network.observation.writeEmpty(row: row, into: w.features)
            mask.update(repeating: 0, count: maskWidth)
            for (head, layout) in network.actionLayout.heads.enumerated() {
                mask[layout.maskOffset + Int(layout.nothing)] = 1
                w.actions[head * w.capacity + row] = layout.nothing
            }
        }
    }
}
