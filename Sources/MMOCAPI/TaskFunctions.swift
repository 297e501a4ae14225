import MMOEnv
import MMOTasks

// Task and curriculum C functions; `gridmmo.h` documents each one.

@_cdecl("gridmmo_env_tasks")
public func gridmmo_env_tasks(_ env: UInt64, _ taskIds: UnsafeMutablePointer<Int32>?, _ progress: UnsafeMutablePointer<Float>?, _ count: Int) -> Int32 {
    respond { () throws(APIError) in
        let handle = try HandleTable.shared.lookup(env, as: EnvironmentHandle.self)
        let ids = try CArguments.pointer(taskIds, "task_ids")
        let values = try CArguments.pointer(progress, "progress")
        let vec = handle.env
        guard vec.curriculum != nil else { throw APIError(.state, "the environment has no curriculum, so no tasks") }
        guard count == vec.totalAgents else { throw APIError(.buffer, "count is \(count), the environment has \(vec.totalAgents) agents") }
        try handle.exclusive { () throws(APIError) in
            for world in 0..<vec.environmentCount {
                for agent in 0..<vec.agentsPerEnv {
                    let row = world * vec.agentsPerEnv + agent
                    ids[row] = Int32(vec.taskIndex(environment: world, agent: agent) ?? 0)
                    values[row] = vec.taskProgress(environment: world, agent: agent) ?? 0
                }
            }
        }
    }
}

@_cdecl("gridmmo_env_task_embeddings")
public func gridmmo_env_task_embeddings(_ env: UInt64, _ out: UnsafeMutablePointer<Float>?, _ count: Int) -> Int32 {
    respond { () throws(APIError) in
        let vec = try HandleTable.shared.lookup(env, as: EnvironmentHandle.self).env
        let values = try CArguments.pointer(out, "out")
        guard let curriculum = vec.curriculum else { throw APIError(.state, "the environment has no curriculum, so no task embeddings") }
        let expected = curriculum.specs.count * Descriptions.embeddingDimension
        guard count == expected else {
            throw APIError(.buffer, "count is \(count), the curriculum's \(curriculum.specs.count) tasks need \(expected) floats (\(Descriptions.embeddingDimension) each)")
        }
        for (index, spec) in curriculum.specs.enumerated() {
            for (column, value) in TaskEmbedding.embed(spec).enumerated() { values[index * Descriptions.embeddingDimension + column] = value }
        }
    }
}

@_cdecl("gridmmo_curriculum_describe")
public func gridmmo_curriculum_describe(_ path: UnsafePointer<CChar>?, _ text: UnsafeMutablePointer<CChar>?, _ capacity: Int,
                                        _ outLength: UnsafeMutablePointer<Int>?) -> Int32 {
    respond { () throws(APIError) in
        let file = try CArguments.string(path, "path")
        let curriculum: Curriculum
        do throws(CurriculumError) {
            curriculum = try CurriculumFile.load(path: file)
        } catch {
            throw APIError(.argument, "curriculum \(error.description)")
        }
        try CArguments.write(Descriptions.curriculum(curriculum), to: text, capacity: capacity, length: outLength)
    }
}
