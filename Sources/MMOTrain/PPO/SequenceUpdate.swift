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
        runEpochs(over: &sequences, minibatchSize: Self.sequencesPerMinibatch(config), report: &report) { sequences, report in
            sequenceMinibatchStep(sequences, learningRate: learningRate, report: &report)
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
        let entries = sequences.lazy.flatMap { sequence in (0..<length).lazy.map { self.entry(Int(sequence), $0) } }
            .filter { self.rollout.valid[$0] != 0 }
        let samples = entries.count
        let normalise = AdvantageNormaliser(enabled: config.normaliseAdvantages, advantages: entries.map { self.rollout.advantages[$0] })
        let count = sequences.count
        let perPass = Self.sequencesPerPass(config)
        let states = rollout.segmentStates!
        let width = states.shape[2]
        return runPasses((count + perPass - 1) / perPass, of: count, samples: samples, learningRate: learningRate, report: &report) { w, targets, positions in
            let batch = positions.count
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
                    targets.set(row: row, entry: index, rollout: rollout, normalise: normalise)
                }
            }
            return (batch * length, length, UnsafePointer(w.rowValid))
        }
    }

    /// Puts rollout entry `index` in row `row` of the workspace: its observation, mask and actions
    /// when it is a sample, else an empty observation whose every head may only do nothing.
    private func write(entry index: Int, row: Int, workspace w: PolicyWorkspace) {
        let maskWidth = network.maskWidth, mask = w.masks + row * maskWidth
        if rollout.valid[index] != 0 {
            w.rowValid[row] = 1
            writeFeatures(entry: index, row: row, into: w.features)
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
