import MMOCore
import MMOEnv
import MMOTasks

/// The JSON texts the C ABI hands out: an environment's interface and a curriculum's tasks.
enum Descriptions {
    /// Floats per task embedding.
    static let embeddingDimension = TaskEmbedding.dimension

    /// The shape, observation layout, action heads and tasks of `env` (see `gridmmo_env_describe`).
    static func environment(_ env: VecEnv) -> String {
        let tasks = env.curriculum.map { $0.specs.map(CurriculumFile.taskText).joined(separator: ",\n    ") } ?? ""
        return """
        {
        "abi_version": \(gridmmo_abi_version()),
        "environments": \(env.environmentCount),
        "agents_per_env": \(env.agentsPerEnv),
        "total_agents": \(env.totalAgents),
        "threads": \(env.threads),
        "horizon": \(env.config.episode.horizon),
        "death_penalty": \(JSONValue.double(Double(env.deathPenalty)).text),
        "autoreset": "\(env.autoReset.rawValue)",
        "task_embedding_dim": \(embeddingDimension),
        "observation": \(env.observationLayout.json),
        "actions": \(env.actionLayout.json),
        "tasks": [\(tasks.isEmpty ? "" : "\n    " + tasks + "\n  ")]
        }
        """
    }

    /// `curriculum`'s tasks (as curriculum-file entries) and their embeddings.
    static func curriculum(_ curriculum: Curriculum) -> String {
        let tasks = curriculum.specs.map(CurriculumFile.taskText).joined(separator: ",\n    ")
        let embeddings = curriculum.specs.map { spec in
            JSONValue.array(TaskEmbedding.embed(spec).map { .double(Double($0)) }).text
        }.joined(separator: ",\n    ")
        return """
        {
        "embedding_dim": \(embeddingDimension),
        "tasks": [\(tasks.isEmpty ? "" : "\n    " + tasks + "\n  ")],
        "embeddings": [\(embeddings.isEmpty ? "" : "\n    " + embeddings + "\n  ")]
        }
        """
    }
}
