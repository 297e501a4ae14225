import MMOEnv

/// What `gridmmo soak --curriculum` checks in the step buffers after every step: each agent's task
/// reward (its reward without the death penalty) is finite and in [0, 1], and the `task_progress`
/// it observes is in [0, 1]. Returns the first problem found.
enum TaskBufferCheck {
    static func firstProblem(env: VecEnv, buffers: StepBuffers) -> String? {
        guard env.curriculum != nil, let progressOffset = env.observationLayout.segment(named: "task_progress")?.offset else { return nil }
        for agent in 0..<env.totalAgents {
            let penalty = buffers.terminations[agent] == 1 ? env.deathPenalty : 0
            let taskReward = buffers.rewards[agent] - penalty
            guard taskReward.isFinite, taskReward >= 0, taskReward <= 1 else {
                return "agent \(agent): task reward \(taskReward) outside [0, 1]"
            }
            let progress = buffers.observations.load(fromByteOffset: agent * env.observationLayout.bytesPerAgent + progressOffset, as: Float.self)
            guard progress >= 0, progress <= 1 else { return "agent \(agent): task_progress \(progress) outside [0, 1]" }
        }
        return nil
    }
}
