import MMOCore
import MMOEnv

// The environment's C functions; `gridmmo.h` documents each one.

@_cdecl("gridmmo_abi_version")
public func gridmmo_abi_version() -> Int32 { 1 }

@_cdecl("gridmmo_last_error")
public func gridmmo_last_error() -> UnsafePointer<CChar> { LastError.pointer }

@_cdecl("gridmmo_env_create")
public func gridmmo_env_create(_ options: UnsafePointer<CChar>?, _ outEnv: UnsafeMutablePointer<UInt64>?) -> Int32 {
    respond { () throws(APIError) in
        let out = try CArguments.pointer(outEnv, "out_env")
        let parsed = try EnvOptions(json: options.map { String(cString: $0) })
        out.pointee = HandleTable.shared.insert(EnvironmentHandle(env: parsed.makeEnv()))
    }
}

@_cdecl("gridmmo_env_destroy")
public func gridmmo_env_destroy(_ env: UInt64) -> Int32 {
    respond { () throws(APIError) in
        let handle = try HandleTable.shared.remove(env, as: EnvironmentHandle.self)
        handle.close()
    }
}

@_cdecl("gridmmo_env_shape")
public func gridmmo_env_shape(_ env: UInt64, _ outShape: UnsafeMutableRawPointer?) -> Int32 {
    respond { () throws(APIError) in
        let vec = try HandleTable.shared.lookup(env, as: EnvironmentHandle.self).env
        let out = try CArguments.pointer(outShape, "out_shape").bindMemory(to: Int64.self, capacity: 10)
        let values = [vec.environmentCount, vec.agentsPerEnv, vec.totalAgents, vec.observationLayout.bytesPerAgent, vec.actionLayout.maskWidth,
                      vec.actionLayout.headCount, vec.curriculum?.specs.count ?? 0, Descriptions.embeddingDimension, vec.threads, vec.config.episode.horizon]
        for (index, value) in values.enumerated() { out[index] = Int64(value) }
    }
}

@_cdecl("gridmmo_env_describe")
public func gridmmo_env_describe(_ env: UInt64, _ text: UnsafeMutablePointer<CChar>?, _ capacity: Int, _ outLength: UnsafeMutablePointer<Int>?) -> Int32 {
    respond { () throws(APIError) in
        let vec = try HandleTable.shared.lookup(env, as: EnvironmentHandle.self).env
        try CArguments.write(Descriptions.environment(vec), to: text, capacity: capacity, length: outLength)
    }
}

@_cdecl("gridmmo_env_reset")
public func gridmmo_env_reset(_ env: UInt64, _ seeds: UnsafePointer<UInt64>?, _ seedCount: Int,
                              _ observations: UnsafeMutableRawPointer?, _ observationsBytes: Int,
                              _ masks: UnsafeMutablePointer<UInt8>?, _ masksBytes: Int,
                              _ rewards: UnsafeMutablePointer<Float>?, _ rewardsCount: Int,
                              _ terminations: UnsafeMutablePointer<UInt8>?, _ terminationsCount: Int,
                              _ truncations: UnsafeMutablePointer<UInt8>?, _ truncationsCount: Int) -> Int32 {
    respond { () throws(APIError) in
        let handle = try HandleTable.shared.lookup(env, as: EnvironmentHandle.self)
        let buffers = try CArguments.buffers(observations, observationsBytes, masks, masksBytes, rewards, rewardsCount,
                                             terminations, terminationsCount, truncations, truncationsCount)
        let count = try CArguments.length(seedCount, "seed_count")
        let seedList = count == 0 ? [] : Array(UnsafeBufferPointer(start: try CArguments.pointer(seeds, "seeds"), count: count))
        try handle.exclusive { () throws(APIError) in
            do throws(StepBufferError) {
                if seedList.isEmpty {
                    try handle.env.observe(into: buffers)
                } else {
                    try handle.env.reset(seeds: seedList, into: buffers)
                }
            } catch {
                throw APIError(.buffer, error.description)
            }
        }
    }
}

@_cdecl("gridmmo_env_step")
public func gridmmo_env_step(_ env: UInt64, _ actions: UnsafePointer<Int32>?, _ actionsCount: Int,
                             _ observations: UnsafeMutableRawPointer?, _ observationsBytes: Int,
                             _ masks: UnsafeMutablePointer<UInt8>?, _ masksBytes: Int,
                             _ rewards: UnsafeMutablePointer<Float>?, _ rewardsCount: Int,
                             _ terminations: UnsafeMutablePointer<UInt8>?, _ terminationsCount: Int,
                             _ truncations: UnsafeMutablePointer<UInt8>?, _ truncationsCount: Int) -> Int32 {
    respond { () throws(APIError) in
        let (handle, actionRows, buffers) = try stepArguments(env, actions, actionsCount, observations, observationsBytes, masks, masksBytes,
                                                              rewards, rewardsCount, terminations, terminationsCount, truncations, truncationsCount)
        try handle.exclusive { () throws(APIError) in try EnvironmentHandle.step(handle.env, actionRows, buffers) }
    }
}

@_cdecl("gridmmo_env_send")
public func gridmmo_env_send(_ env: UInt64, _ actions: UnsafePointer<Int32>?, _ actionsCount: Int,
                             _ observations: UnsafeMutableRawPointer?, _ observationsBytes: Int,
                             _ masks: UnsafeMutablePointer<UInt8>?, _ masksBytes: Int,
                             _ rewards: UnsafeMutablePointer<Float>?, _ rewardsCount: Int,
                             _ terminations: UnsafeMutablePointer<UInt8>?, _ terminationsCount: Int,
                             _ truncations: UnsafeMutablePointer<UInt8>?, _ truncationsCount: Int) -> Int32 {
    respond { () throws(APIError) in
        let (handle, actionRows, buffers) = try stepArguments(env, actions, actionsCount, observations, observationsBytes, masks, masksBytes,
                                                              rewards, rewardsCount, terminations, terminationsCount, truncations, truncationsCount)
        try handle.send(actions: actionRows, into: buffers)
    }
}

/// The environment, actions and buffers of a step or send, each checked.
private func stepArguments(_ env: UInt64, _ actions: UnsafePointer<Int32>?, _ actionsCount: Int,
                           _ observations: UnsafeMutableRawPointer?, _ observationsBytes: Int,
                           _ masks: UnsafeMutablePointer<UInt8>?, _ masksBytes: Int,
                           _ rewards: UnsafeMutablePointer<Float>?, _ rewardsCount: Int,
                           _ terminations: UnsafeMutablePointer<UInt8>?, _ terminationsCount: Int,
                           _ truncations: UnsafeMutablePointer<UInt8>?, _ truncationsCount: Int)
    throws(APIError) -> (EnvironmentHandle, UnsafeBufferPointer<Int32>, StepBuffers) {
    let handle = try HandleTable.shared.lookup(env, as: EnvironmentHandle.self)
    let buffers = try CArguments.buffers(observations, observationsBytes, masks, masksBytes, rewards, rewardsCount,
                                         terminations, terminationsCount, truncations, truncationsCount)
    let actionRows = UnsafeBufferPointer(start: try CArguments.pointer(actions, "actions"), count: try CArguments.length(actionsCount, "actions_count"))
    return (handle, actionRows, buffers)
}

@_cdecl("gridmmo_env_recv")
public func gridmmo_env_recv(_ env: UInt64) -> Int32 {
    respond { () throws(APIError) in
        try HandleTable.shared.lookup(env, as: EnvironmentHandle.self).receive()
    }
}

@_cdecl("gridmmo_env_stats")
public func gridmmo_env_stats(_ env: UInt64, _ out: UnsafeMutablePointer<Int64>?, _ count: Int) -> Int32 {
    respond { () throws(APIError) in
        let handle = try HandleTable.shared.lookup(env, as: EnvironmentHandle.self)
        let values = try CArguments.pointer(out, "out")
        guard count == 6 else { throw APIError(.buffer, "count is \(count), GRIDMMO_STAT_COUNT is 6") }
        try handle.exclusive { () throws(APIError) in
            let vec = handle.env
            let episodes = vec.finishedEpisodes
            let tasks = vec.taskTotals
            for (index, value) in [vec.agentSteps, episodes.count, episodes.ticks, vec.illegalActions, tasks.assigned, tasks.completed].enumerated() {
                values[index] = Int64(value)
            }
        }
    }
}
