import MMOCore
import MMOEnv
import MMONet
import MMOTrain

/// One step's observations as an attack sees and changes them, allocated once for a `VecEnv`.
///
/// `load` writes every living agent's clean features into `features` (row = agent) and the
/// perturbable vector of each into `clean` (width values per agent, `AttackSurface` layout), then
/// starts `perturbed` and `features.tileIDs` of the attacked agents equal to the clean values. An
/// attack changes `perturbed` and the attacked rows' tile ids; `project` then forces every change
/// inside the budget (clipping, realisable rounding, at most k tile flips, nothing outside the
/// active coordinates) and writes the result into `features`, which the policy reads.
public final class AttackFrame: @unchecked Sendable {
    public let surface: AttackSurface
    public let targets: AttackTargets
    public let budget: PerturbationBudget
    public let totalAgents: Int
    public let width: Int
    public let tiles: Int
    /// Every agent's network input (row = agent); attacked rows perturbed after `project`.
    public let features: FeatureBatch
    /// [totalAgents, width] clean vectors (living agents; zeros for the dead), the perturbed
    /// vectors (attacked living agents), and which coordinates may change.
    public let clean: UnsafeMutablePointer<Float>
    public let perturbed: UnsafeMutablePointer<Float>
    public let active: UnsafeMutablePointer<UInt8>
    /// [totalAgents, tiles] every agent's clean tile ids (zeros for the dead).
    public let cleanTiles: UnsafeMutablePointer<Int32>
    /// Per agent: alive at this step; and whether this step is the first of its episode.
    public let alive: UnsafeMutablePointer<UInt8>
    public let episodeStarted: UnsafeMutablePointer<UInt8>
    /// The attacked agents alive at this step, ascending (`attackedCount` of them).
    public let attacked: UnsafeMutablePointer<Int32>
    public private(set) var attackedCount = 0
    /// The step's action masks ([totalAgents, maskWidth]), for attacks that query the policy.
    public private(set) var masks: UnsafePointer<UInt8>?
    public let maskWidth: Int
    /// Per environment: whether its agents count (an environment whose episode has ended in an
    /// evaluation batch reads as all dead: nobody attacked, nothing counted).
    public let environmentLive: UnsafeMutablePointer<UInt8>
    /// Living agent-steps loaded so far (the policy's work).
    public private(set) var livingAgentSteps = 0
    /// Steps loaded so far (the current step's index).
    public private(set) var step = -1
    public let threads: Int
    /// Totals over all projected steps.
    public private(set) var statistics = PerturbationStatistics()
    /// Each worker's counts during `project`.
    private let workerStatistics: UnsafeMutablePointer<PerturbationStatistics>

    public init(surface: AttackSurface, targets: AttackTargets, budget: PerturbationBudget, maskWidth: Int, threads: Int) {
        self.surface = surface
        self.targets = targets
        self.budget = budget
        self.maskWidth = maskWidth
        self.threads = max(1, threads)
        totalAgents = targets.totalAgents
        width = surface.width
        tiles = surface.features.side * surface.features.side
        features = FeatureBatch(features: surface.features, capacity: totalAgents)
        clean = .zeroed(totalAgents * width)
        perturbed = .zeroed(totalAgents * width)
        active = .zeroed(totalAgents * width)
        cleanTiles = .zeroed(totalAgents * tiles)
        alive = .zeroed(totalAgents)
        episodeStarted = .zeroed(totalAgents)
        episodeStarted.update(repeating: 1, count: totalAgents)
        attacked = .zeroed(totalAgents)
        environmentLive = .zeroed(targets.environments)
        environmentLive.update(repeating: 1, count: targets.environments)
        workerStatistics = .allocate(capacity: self.threads)
        workerStatistics.initialize(repeating: PerturbationStatistics(), count: self.threads)
    }

    deinit {
        clean.deallocate()
        perturbed.deallocate()
        active.deallocate()
        cleanTiles.deallocate()
        alive.deallocate()
        episodeStarted.deallocate()
        attacked.deallocate()
        environmentLive.deallocate()
        workerStatistics.deallocate()
    }

    /// Marks every agent as starting a new episode (after environments were restarted).
    public func restartEpisodes() {
        episodeStarted.update(repeating: 1, count: totalAgents)
    }

    /// Sets whether `environment`'s agents count from the next `load` on.
    public func setLive(environment: Int, _ live: Bool) {
        environmentLive[environment] = live ? 1 : 0
    }

    /// Reads the observations in `buffers` (written by the step whose done flags they carry).
    public func load(_ buffers: StepBuffers) {
        step += 1
        masks = UnsafePointer(buffers.masks.baseAddress!)
        let observations = UnsafeRawPointer(buffers.observations.baseAddress!)
        let bytesPerAgent = buffers.observations.count / totalAgents
        let observation = surface.features
        runWorkers(threads, splitting: totalAgents) { agents in
            for agent in agents {
                let record = observations + agent * bytesPerAgent
                let x = clean + agent * width
                guard environmentLive[agent / targets.agentsPerEnv] != 0, observation.isAlive(record) else {
                    alive[agent] = 0
                    x.update(repeating: 0, count: width)
                    (active + agent * width).update(repeating: 0, count: width)
                    observation.writeEmpty(row: agent, into: features)
                    (cleanTiles + agent * tiles).update(repeating: 0, count: tiles)
                    continue
                }
                alive[agent] = 1
                observation.write(record, row: agent, into: features)
                surface.read(features, row: agent, into: x, active: active + agent * width)
                (cleanTiles + agent * tiles).update(from: features.tileIDs + agent * tiles, count: tiles)
                guard targets.isAttacked(agent) else { continue }
                (perturbed + agent * width).update(from: x, count: width)
            }
        }
        attackedCount = 0
        for agent in 0..<totalAgents where alive[agent] != 0 {
            livingAgentSteps += 1
            guard targets.isAttacked(agent) else { continue }
            attacked[attackedCount] = Int32(agent)
            attackedCount += 1
        }
    }

    /// Forces the attacked agents' perturbations inside the budget, writes them into `features`
    /// and counts them.
    public func project() {
        let counts = workerStatistics
        counts.update(repeating: PerturbationStatistics(), count: threads)
        runWorkers(threads) { worker in
            for index in stride(from: worker, to: attackedCount, by: threads) {
                counts[worker].add(projectAgent(Int(attacked[index])))
            }
        }
        // Tiles of the agents not attacked or dead (which `projectAgent` does not see) stay clean.
        runWorkers(threads, splitting: totalAgents) { agents in
            for agent in agents where alive[agent] == 0 || !targets.isAttacked(agent) {
                (features.tileIDs + agent * tiles).update(from: cleanTiles + agent * tiles, count: tiles)
            }
        }
        for worker in 0..<threads { statistics.add(counts[worker]) }
    }

    /// Remembers the done flags of the step that followed this frame's actions: those agents start
    /// a new episode at the next `load`.
    public func noteEpisodeEnds(_ buffers: StepBuffers) {
        for agent in 0..<totalAgents {
            episodeStarted[agent] = buffers.terminations[agent] != 0 || buffers.truncations[agent] != 0 ? 1 : 0
        }
    }

    private func projectAgent(_ agent: Int) -> PerturbationStatistics {
        var result = PerturbationStatistics()
        result.agentSteps = 1
        let x = clean + agent * width, y = perturbed + agent * width, live = active + agent * width
        let epsilon = budget.epsilon
        for c in 0..<width {
            guard live[c] != 0, epsilon > 0 else { y[c] = x[c]; continue }
            let (low, high) = surface.bounds(c, clean: x[c], epsilon: epsilon)
            var value = y[c].isNaN ? x[c] : min(max(y[c], low), high)
            if budget.realisable { value = surface.columns[c].realise(value, clean: x[c], radius: surface.radius(c, epsilon: epsilon)) }
            y[c] = value
            if value != x[c] {
                result.featuresChanged += 1
                let width = surface.upper[c] - surface.lower[c]
                if width > 0 { result.largestChange = max(result.largestChange, abs(value - x[c]) / width) }
            }
        }
        surface.write(y, into: features, row: agent)
        let ids = features.tileIDs + agent * tiles, original = cleanTiles + agent * tiles
        var flips = 0
        for tile in 0..<tiles where ids[tile] != original[tile] {
            if flips < budget.tileFlips, TileCode.isFlip(from: original[tile], to: ids[tile]) {
                flips += 1
            } else {
                ids[tile] = original[tile]
            }
        }
        result.tilesFlipped = flips
        return result
    }
}

/// What the projected perturbations changed, summed over attacked agent-steps.
public struct PerturbationStatistics: Sendable, Equatable, Codable {
    public var agentSteps = 0
    public var featuresChanged = 0
    public var tilesFlipped = 0
    /// The largest change of any coordinate as a fraction of its range's width (never above epsilon).
    public var largestChange: Float = 0

    public init() {}

    public mutating func add(_ other: PerturbationStatistics) {
        agentSteps += other.agentSteps
        featuresChanged += other.featuresChanged
        tilesFlipped += other.tilesFlipped
        largestChange = max(largestChange, other.largestChange)
    }
}
