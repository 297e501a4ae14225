import Dispatch
import Foundation
import MMOCore
import MMOEnv
import MMONet
import MMOTasks

/// Goal-conditioned multi-task PPO over a `VecEnv`, CleanRL's algorithm in its order: collect a
/// rollout of `rolloutSteps` steps from every environment (each agent on a task drawn from the
/// curriculum), compute GAE advantages, then run `updateEpochs` passes of shuffled minibatches, one
/// clipped-gradient Adam step each. A minibatch is cut into passes of at most
/// `PolicyWorkspace.passRows` samples, dealt to `threads` workers (one workspace each); every pass
/// has its own gradient vector, and the passes' gradients and statistics are summed in pass order.
/// Inference cuts its passes the same way (`PolicyInference`), so a seed fixes every loss and
/// every parameter whatever the thread count.
///
/// With a recurrent policy the rollout also keeps each agent's state at the start of every
/// segment of `bpttSteps` steps, and the update's samples are whole segments replayed from those
/// states (truncated BPTT; see `sequenceUpdate`).
///
/// With a `perturbation` (training under attack), each rollout step's observations are perturbed
/// before the policy acts on them, and the update trains on the features the policy acted on.
public final class Trainer: @unchecked Sendable {
    public let config: PPOConfig
    public let env: VecEnv
    public let network: PolicyNetwork
    public let adam: Adam
    public let objective: PPOObjective
    let storage: StepBufferStorage
    let rollout: RolloutBuffer
    let inference: PolicyInference
    let updateWorkspaces: [PolicyWorkspace]
    /// One gradient vector and one set of loss statistics per pass of a minibatch.
    let passGradients: [Tensor]
    var passStatistics: [PPOObjective.Statistics]
    let totalGradient: Tensor
    /// Byte offset of the `self` segment in an observation record (read by the shaping terms).
    let selfOffset: Int
    /// Per-worker scratch for a minibatch share: old log-probs, advantages, old values, returns.
    let minibatchScratch: [Tensor]
    /// Updates done and living agent-steps collected so far (restored on resume).
    public var updates = 0
    public var agentSteps = 0
    /// Training under attack: what perturbs the observations the policy acts on in rollouts (nil:
    /// clean training), and the rollout's store of the perturbed features.
    public let perturbation: ObservationPerturbation?
    let perturbedFeatures: PerturbedRolloutFeatures?
    /// Per agent slot: the running episode's return, task reward (the return without the death
    /// penalty: the task's progress) and length.
    private var episodeReturn: [Float]
    private var episodeTaskReward: [Float]
    private var episodeLength: [Int32]

    /// `perturbation`, given the trainer's environment and network, makes what perturbs the
    /// rollouts' observations (training under attack; nil: clean training).
    public init(config: PPOConfig, policy: PolicyConfig, game: Config, maps: [GameMap], curriculum: Curriculum?,
                perturbation: ((VecEnv, PolicyNetwork) -> ObservationPerturbation)? = nil) {
        self.config = config
        env = VecEnv(config: game, maps: maps, environmentCount: config.environments, seed: config.seed, threads: config.threads,
                     curriculum: curriculum, deathPenalty: config.deathPenalty, taskEmbeddingInObservations: false,
                     earlyStopPopulation: config.earlyStopPopulation)
        network = PolicyNetwork(sizes: policy, layout: env.observationLayout, actionLayout: env.actionLayout, config: game, seed: config.seed)
        network.setTasks(env.taskEmbeddings)
        selfOffset = env.observationLayout.segment(named: "self")?.offset ?? 0
        adam = Adam(parameters: network.parameters)
        objective = PPOObjective(config: config)
        storage = StepBufferStorage(for: env)
        let recurrent = network.core != nil
        precondition(!recurrent || (config.bpttSteps > 0 && config.rolloutSteps % config.bpttSteps == 0),
                     "bpttSteps \(config.bpttSteps) must divide rolloutSteps \(config.rolloutSteps)")
        rollout = RolloutBuffer(steps: config.rolloutSteps, agents: env.totalAgents, bytesPerAgent: env.observationLayout.bytesPerAgent,
                                maskWidth: env.actionLayout.maskWidth, headCount: env.actionLayout.headCount,
                                segmentSteps: recurrent ? config.bpttSteps : 1, stateWidth: recurrent ? policy.hiddenWidth : 0)
        inference = PolicyInference(network: network, totalAgents: env.totalAgents, threads: config.threads)
        let attack = perturbation?(env, network)
        self.perturbation = attack
        perturbedFeatures = attack.map { [observation = network.observation, rollout] in
            PerturbedRolloutFeatures(observation: observation, steps: rollout.steps, agents: rollout.agents, limit: $0.perturbedAgentLimit)
        }
        let passes: Int, rows: Int
        if recurrent {
            let sequences = Self.sequencesPerMinibatch(config), perPass = Self.sequencesPerPass(config)
            passes = (sequences + perPass - 1) / perPass
            rows = min(sequences, perPass) * config.bpttSteps
        } else {
            passes = (config.minibatchSize + PolicyWorkspace.passRows - 1) / PolicyWorkspace.passRows
            rows = min(config.minibatchSize, PolicyWorkspace.passRows)
        }
        let network = self.network
        updateWorkspaces = (0..<config.threads).map { _ in PolicyWorkspace(network: network, capacity: rows) }
        minibatchScratch = (0..<config.threads).map { _ in Tensor(shape: [4, rows]) }
        passGradients = (0..<passes).map { _ in network.parameters.makeGradient() }
        passStatistics = Array(repeating: PPOObjective.Statistics(), count: passes)
        totalGradient = network.parameters.makeGradient()
        episodeReturn = Array(repeating: 0, count: env.totalAgents)
        episodeTaskReward = Array(repeating: 0, count: env.totalAgents)
        episodeLength = Array(repeating: 0, count: env.totalAgents)
        // observe() only fails on wrongly sized buffers, and these are the environment's own.
        try! env.observe(into: storage.buffers)
    }

    /// What one iteration (rollout + update) did and how long its parts took.
    public struct IterationReport: Sendable {
        public var agentSteps = 0
        /// Sum of the rewards the samples carry (after clamping and shaping).
        public var rewardSum = 0.0
        public var losses = PPOObjective.Statistics()
        public var episodes = EpisodeTally()
        public var learningRate: Float = 0
        public var gradientNorm: Float = 0
        public var explainedVariance: Double = 0
        /// Seconds in policy inference, environment stepping and the update.
        public var inferenceSeconds = 0.0, environmentSeconds = 0.0, updateSeconds = 0.0
    }

    /// One rollout and one update. `progress` in 0...1 is how far the run is (for annealing).
    public func iterate(progress: Double) -> IterationReport {
        var report = IterationReport()
        collect(&report)
        let learningRate = config.annealLearningRate ? config.learningRate * Float(max(0, 1 - progress)) : config.learningRate
        report.learningRate = learningRate
        let start = DispatchTime.now()
        update(learningRate: learningRate, report: &report)
        report.updateSeconds = seconds(since: start)
        updates += 1
        agentSteps += report.agentSteps
        return report
    }

    // MARK: Rollout

    private func collect(_ report: inout IterationReport) {
        let agents = env.totalAgents
        let buffers = storage.buffers
        let bytes = rollout.bytesPerAgent, maskWidth = rollout.maskWidth, headCount = rollout.headCount
        let observations = UnsafeRawPointer(buffers.observations.baseAddress!)
        for step in 0..<config.rolloutSteps {
            let entry0 = step * agents
            var start = DispatchTime.now()
            // Who acts is decided by the inference workers; each keeps what its agents saw.
            (rollout.valid + entry0).update(repeating: 0, count: agents)
            if let states = inference.states, let segmentStates = rollout.segmentStates, step % rollout.segmentSteps == 0 {
                (segmentStates.pointer + step / rollout.segmentSteps * states.count).update(from: states.pointer, count: states.count)
            }
            let stepSeed = config.seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(updates * config.rolloutSteps + step) &* 0x9E37_79B9
            let rollout = self.rollout
            let masks = UnsafePointer(buffers.masks.baseAddress!)
            let perturbed = perturbation?.perturb(buffers)
            if let perturbed { perturbedFeatures!.record(step: step, perturbed) }
            inference.act(buffers: buffers, actions: storage.actions, stepSeed: stepSeed, features: perturbed?.features) { workspace, rows in
                for row in 0..<rows {
                    let agent = Int(workspace.rowAgents[row])
                    let entry = entry0 + agent
                    rollout.valid[entry] = 1
                    rollout.observation(entry).copyMemory(from: observations + agent * bytes, byteCount: bytes)
                    rollout.mask(entry).update(from: masks + agent * maskWidth, count: maskWidth)
                    rollout.logProbs[entry] = workspace.logProbs[row]
                    rollout.values[entry] = workspace.values[row]
                    for head in 0..<headCount { rollout.action(entry)[head] = workspace.actions[head * workspace.capacity + row] }
                }
            }
            report.inferenceSeconds += seconds(since: start)
            start = DispatchTime.now()
            // The environment's own buffers: step cannot fail.
            try! env.step(actions: storage.actionRows, into: buffers)
            inference.resetStates(endedIn: buffers)
            perturbation?.stepped(buffers)
            report.environmentSeconds += seconds(since: start)
            for agent in 0..<agents where rollout.valid[entry0 + agent] != 0 {
                let entry = entry0 + agent
                var reward = buffers.rewards[agent] + shaping(before: rollout.observation(entry), after: observations + agent * bytes)
                reward = min(max(reward, -config.rewardClamp), config.rewardClamp)
                let done = buffers.terminations[agent] != 0 || buffers.truncations[agent] != 0
                rollout.rewards[entry] = reward
                rollout.dones[entry] = done ? 1 : 0
                report.agentSteps += 1
                report.rewardSum += Double(reward)
                episodeReturn[agent] += buffers.rewards[agent]
                episodeTaskReward[agent] += buffers.rewards[agent] - (buffers.terminations[agent] != 0 ? env.deathPenalty : 0)
                episodeLength[agent] += 1
                if done {
                    report.episodes.add(return: episodeReturn[agent], length: Int(episodeLength[agent]), completedTask: episodeTaskReward[agent] >= 0.999)
                    episodeReturn[agent] = 0
                    episodeTaskReward[agent] = 0
                    episodeLength[agent] = 0
                }
            }
        }
        let start = DispatchTime.now()
        inference.values(buffers: buffers, into: rollout.finalValues)
        report.inferenceSeconds += seconds(since: start)
        GeneralizedAdvantage.compute(rewards: rollout.rewards, values: rollout.values, dones: rollout.dones, valid: rollout.valid,
                                     finalValues: rollout.finalValues, steps: rollout.steps, agents: agents,
                                     gamma: config.gamma, lambda: config.gaeLambda, advantages: rollout.advantages, returns: rollout.returns)
    }

    /// The optional shaping terms between two consecutive records of one living agent (0 by default).
    private func shaping(before: UnsafeRawPointer, after: UnsafeRawPointer) -> Float {
        guard config.healBonus != 0 || config.exploreBonus != 0, network.observation.isAlive(after) else { return 0 }
        let old = (before + selfOffset).assumingMemoryBound(to: Int16.self), new = (after + selfOffset).assumingMemoryBound(to: Int16.self)
        var bonus: Float = 0
        if new[SelfColumn.health.rawValue] > old[SelfColumn.health.rawValue] { bonus += config.healBonus }
        let explored = Int(new[SelfColumn.farthest.rawValue]) - Int(old[SelfColumn.farthest.rawValue])
        if explored > 0 { bonus += config.exploreBonus * Float(explored) }
        return bonus
    }

    // MARK: Update

    private func update(learningRate: Float, report: inout IterationReport) {
        if network.core != nil { return sequenceUpdate(learningRate: learningRate, report: &report) }
        var indices = rollout.sampleIndices()
        guard !indices.isEmpty else { return }
        report.explainedVariance = explainedVariance(indices)
        runEpochs(over: &indices, minibatchSize: config.minibatchSize, report: &report) { entries, report in
            minibatchStep(entries, learningRate: learningRate, report: &report)
        }
    }

    /// `updateEpochs` times: shuffles `items` (seeded by the seed and the update count) and runs
    /// `step` on consecutive minibatches of `minibatchSize` of them, adding up their statistics.
    func runEpochs(over items: inout [Int32], minibatchSize: Int, report: inout IterationReport,
                   step: (UnsafeBufferPointer<Int32>, inout IterationReport) -> PPOObjective.Statistics) {
        var random = NetRandom(seed: config.seed &+ UInt64(updates) &* 0xD1B5_4A32_D192_ED03)
        for _ in 0..<config.updateEpochs {
            random.shuffle(&items)
            var start = 0
            while start < items.count {
                let end = min(start + minibatchSize, items.count)
                items.withUnsafeBufferPointer { all in
                    report.losses.add(step(UnsafeBufferPointer(rebasing: all[start..<end]), &report))
                }
                start = end
            }
        }
    }

    /// One Adam step on the samples `entries`.
    private func minibatchStep(_ entries: UnsafeBufferPointer<Int32>, learningRate: Float, report: inout IterationReport) -> PPOObjective.Statistics {
        let count = entries.count
        let normalise = AdvantageNormaliser(enabled: config.normaliseAdvantages, advantages: entries.lazy.map { self.rollout.advantages[Int($0)] })
        let passes = (count + PolicyWorkspace.passRows - 1) / PolicyWorkspace.passRows
        return runPasses(passes, of: count, samples: count, learningRate: learningRate, report: &report) { w, targets, positions in
            for (row, position) in positions.enumerated() {
                let entry = Int(entries[position])
                writeFeatures(entry: entry, row: row, into: w.features)
                (w.masks + row * network.maskWidth).update(from: rollout.mask(entry), count: network.maskWidth)
                for head in 0..<network.headCount { w.actions[head * w.capacity + row] = rollout.action(entry)[head] }
                targets.set(row: row, entry: entry, rollout: rollout, normalise: normalise)
            }
            return (positions.count, 1, nil)
        }
    }

    /// Puts the features the policy acted on at rollout entry `entry` into row `row` of `batch`:
    /// the perturbed ones kept under attack, else its observation's.
    @inline(__always) func writeFeatures(entry: Int, row: Int, into batch: FeatureBatch) {
        if let perturbedFeatures, let stored = perturbedFeatures.row(of: entry) {
            batch.copyRow(stored, of: perturbedFeatures.features, to: row)
        } else {
            network.observation.write(rollout.observation(entry), row: row, into: batch)
        }
    }

    /// Per worker: a pass's old log-probabilities, normalised advantages, old values and returns.
    struct PassTargets {
        let oldLogProbs, advantages, oldValues, returns: UnsafeMutablePointer<Float>

        init(_ scratch: Tensor, capacity: Int) {
            oldLogProbs = scratch.pointer
            advantages = scratch.pointer + capacity
            oldValues = scratch.pointer + 2 * capacity
            returns = scratch.pointer + 3 * capacity
        }

        @inline(__always) func set(row: Int, entry: Int, rollout: RolloutBuffer, normalise: AdvantageNormaliser) {
            oldLogProbs[row] = rollout.logProbs[entry]
            advantages[row] = normalise(rollout.advantages[entry])
            oldValues[row] = rollout.values[entry]
            returns[row] = rollout.returns[entry]
        }
    }

    /// One Adam step on a minibatch of `samples` samples held in `count` items (entries or
    /// sequences), cut into `passes` passes (pass p holds items p * count / passes ..< (p + 1) *
    /// count / passes) dealt round-robin to the workers. `load` puts a pass's items into the
    /// worker's workspace and targets and says how many rows they fill, in sequences of how many
    /// steps, and which rows are samples (nil: all). Each pass's gradient and statistics are kept
    /// apart, then summed in pass order.
    func runPasses(_ passes: Int, of count: Int, samples: Int, learningRate: Float, report: inout IterationReport,
                   load: (PolicyWorkspace, PassTargets, Range<Int>) -> (rows: Int, steps: Int, valid: UnsafePointer<UInt8>?))
        -> PPOObjective.Statistics {
        let threads = updateWorkspaces.count
        passStatistics.withUnsafeMutableBufferPointer { statistics in
            runWorkers(min(threads, passes)) { worker in
                let w = updateWorkspaces[worker]
                let targets = PassTargets(minibatchScratch[worker], capacity: w.capacity)
                for pass in stride(from: worker, to: passes, by: threads) {
                    let (rows, steps, valid) = load(w, targets, pass * count / passes..<(pass + 1) * count / passes)
                    network.forward(rows: rows, workspace: w, steps: steps)
                    network.evaluate(rows: rows, workspace: w)
                    statistics[pass] = objective.evaluate(count: rows, normaliser: samples, valid: valid, logProbs: w.logProbs,
                                                          oldLogProbs: targets.oldLogProbs, advantages: targets.advantages, values: w.values,
                                                          oldValues: targets.oldValues, returns: targets.returns, entropies: w.entropies,
                                                          logProbGradients: w.logProbGradients, valueGradients: w.valueGradients)
                    passGradients[pass].fill(0)
                    network.backward(rows: rows, entropyGradient: -config.entropyCoefficient / Float(samples), valid: valid,
                                     workspace: w, into: passGradients[pass])
                }
            }
        }
        // Sum the passes' gradients in pass order (each worker a range of parameters), clip, step.
        sumInOrder(passGradients, count: passes, into: totalGradient, workers: threads)
        report.gradientNorm = clipGradientNorm(totalGradient, maximumNorm: config.maximumGradientNorm, workers: threads)
        adam.update(parameters: network.parameters.values, gradients: totalGradient, learningRate: learningRate, workers: threads)
        var statistics = PPOObjective.Statistics()
        for pass in 0..<passes { statistics.add(passStatistics[pass]) }
        return statistics
    }

    /// 1 - Var(returns - values) / Var(returns) over the rollout's samples (CleanRL's diagnostic).
    func explainedVariance(_ indices: [Int32]) -> Double {
        var sumY = 0.0, sumY2 = 0.0, sumE = 0.0, sumE2 = 0.0
        for index in indices {
            let y = Double(rollout.returns[Int(index)]), e = y - Double(rollout.values[Int(index)])
            sumY += y; sumY2 += y * y; sumE += e; sumE2 += e * e
        }
        let n = Double(indices.count)
        let varY = sumY2 / n - (sumY / n) * (sumY / n), varE = sumE2 / n - (sumE / n) * (sumE / n)
        return varY > 0 ? 1 - varE / varY : 0
    }
}

/// Episodes that ended: how many, their summed undiscounted return and length, and how many
/// completed their task.
public struct EpisodeTally: Sendable, Equatable {
    public var count = 0
    public var returnSum = 0.0
    public var lengthSum = 0
    public var completedTasks = 0

    public init() {}

    public mutating func add(return value: Float, length: Int, completedTask: Bool) {
        count += 1
        returnSum += Double(value)
        lengthSum += length
        if completedTask { completedTasks += 1 }
    }

    public var meanReturn: Double { count > 0 ? returnSum / Double(count) : .nan }
    public var meanLength: Double { count > 0 ? Double(lengthSum) / Double(count) : .nan }
    public var taskCompletion: Double { count > 0 ? Double(completedTasks) / Double(count) : .nan }
}

@inline(__always) func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}
