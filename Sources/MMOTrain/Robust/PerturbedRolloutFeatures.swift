/// The features the policy acted on at the rollout entries whose observations were perturbed
/// (training under attack), allocated once for a rollout: up to `limit` rows per step, 5.9 KB
/// each with the default observation (190 MB for the default rollout of 64 steps x 1,024 agents
/// with half of them attacked). Other entries' features are their observation records', as
/// without perturbation.
final class PerturbedRolloutFeatures {
    let limit: Int
    let agents: Int
    let features: FeatureBatch
    /// Per rollout entry: its row in `features`, or -1.
    let slots: UnsafeMutablePointer<Int32>

    init(observation: ObservationFeatures, steps: Int, agents: Int, limit: Int) {
        self.limit = limit
        self.agents = agents
        features = FeatureBatch(features: observation, capacity: steps * limit)
        slots = .allocate(capacity: steps * agents)
        slots.initialize(repeating: -1, count: steps * agents)
    }

    deinit { slots.deallocate() }

    /// Keeps the perturbed rows of rollout step `step`.
    func record(step: Int, _ perturbed: PerturbedObservations) {
        precondition(perturbed.agents.count <= limit, "\(perturbed.agents.count) perturbed agents, at most \(limit) announced")
        precondition(!perturbed.features.shiftsTask, "training under attack does not perturb the goal")
        (slots + step * agents).update(repeating: -1, count: agents)
        for (index, agent) in perturbed.agents.enumerated() {
            let row = step * limit + index
            slots[step * agents + Int(agent)] = Int32(row)
            features.copyRow(Int(agent), of: perturbed.features, to: row)
        }
    }

    /// The row of entry `entry` in `features`, or nil when the policy saw its clean observation.
    @inline(__always) func row(of entry: Int) -> Int? {
        slots[entry] >= 0 ? Int(slots[entry]) : nil
    }
}
