/// Generalised advantage estimation (Schulman et al. 2016) over a rollout laid out time-major:
/// entry `t * agents + a` is agent slot `a` at step `t`. Only `valid` entries (the agent was alive
/// and acted) are samples; an agent's series ends at a step whose `done` is set (death or the
/// episode's end), so nothing flows back across an episode boundary. A series still running at the
/// end of the rollout bootstraps from `finalValues` (the value of the observation after the last step).
public enum GeneralizedAdvantage {
    public static func compute(rewards: UnsafePointer<Float>, values: UnsafePointer<Float>, dones: UnsafePointer<UInt8>,
                               valid: UnsafePointer<UInt8>, finalValues: UnsafePointer<Float>, steps: Int, agents: Int,
                               gamma: Float, lambda: Float,
                               advantages: UnsafeMutablePointer<Float>, returns: UnsafeMutablePointer<Float>) {
        for agent in 0..<agents {
            var nextAdvantage: Float = 0
            var nextValue = finalValues[agent]
            for step in stride(from: steps - 1, through: 0, by: -1) {
                let index = step * agents + agent
                guard valid[index] != 0 else {
                    advantages[index] = 0
                    returns[index] = 0
                    nextAdvantage = 0
                    nextValue = 0
                    continue
                }
                let continues: Float = dones[index] != 0 ? 0 : 1
                let delta = rewards[index] + gamma * nextValue * continues - values[index]
                let advantage = delta + gamma * lambda * continues * nextAdvantage
                advantages[index] = advantage
                returns[index] = advantage + values[index]
                nextAdvantage = advantage
                nextValue = values[index]
            }
        }
    }
}
