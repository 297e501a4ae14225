import MMOEnv

// Scripted-policy C functions; `gridmmo.h` documents each one.

@_cdecl("gridmmo_policy_create")
public func gridmmo_policy_create(_ env: UInt64, _ name: UnsafePointer<CChar>?, _ seed: UInt64, _ outPolicy: UnsafeMutablePointer<UInt64>?) -> Int32 {
    respond { () throws(APIError) in
        let environment = try HandleTable.shared.lookup(env, as: EnvironmentHandle.self)
        let out = try CArguments.pointer(outPolicy, "out_policy")
        let policy = try PolicyHandle(name: try CArguments.string(name, "name"), environment: environment, seed: seed)
        out.pointee = HandleTable.shared.insert(policy)
    }
}

@_cdecl("gridmmo_policy_act")
public func gridmmo_policy_act(_ policy: UInt64, _ observations: UnsafeRawPointer?, _ observationsBytes: Int,
                               _ masks: UnsafePointer<UInt8>?, _ masksBytes: Int,
                               _ actions: UnsafeMutablePointer<Int32>?, _ actionsCount: Int) -> Int32 {
    respond { () throws(APIError) in
        let handle = try HandleTable.shared.lookup(policy, as: PolicyHandle.self)
        let env = handle.environment.env
        let records = try CArguments.pointer(observations, "observations")
        let maskRows = try CArguments.pointer(masks, "masks")
        let actionRows = try CArguments.pointer(actions, "actions")
        let expected = [("observations_bytes", observationsBytes, env.totalAgents * env.observationLayout.bytesPerAgent),
                        ("masks_bytes", masksBytes, env.totalAgents * env.actionLayout.maskWidth),
                        ("actions_count", actionsCount, env.totalAgents * env.actionLayout.headCount)]
        for (name, given, needed) in expected where given != needed {
            throw APIError(.buffer, "\(name) is \(given), the environment needs exactly \(needed)")
        }
        // Scripted policies read only the observations and masks; the other rows are never touched,
        // so they point at one dummy value each with a count of zero.
        var unused: Float = 0
        var unusedFlag: UInt8 = 0
        try withUnsafeMutablePointer(to: &unused) { reward throws(APIError) in
            try withUnsafeMutablePointer(to: &unusedFlag) { flag throws(APIError) in
                let buffers = StepBuffers(
                    observations: UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(mutating: records), count: observationsBytes),
                    masks: UnsafeMutableBufferPointer(start: UnsafeMutablePointer(mutating: maskRows), count: masksBytes),
                    rewards: UnsafeMutableBufferPointer(start: reward, count: 0),
                    terminations: UnsafeMutableBufferPointer(start: flag, count: 0),
                    truncations: UnsafeMutableBufferPointer(start: flag, count: 0)
                )
                try handle.environment.exclusive { () throws(APIError) in
                    handle.policy.act(env: env, buffers: buffers, actions: UnsafeMutableBufferPointer(start: actionRows, count: actionsCount))
                }
            }
        }
    }
}

@_cdecl("gridmmo_policy_destroy")
public func gridmmo_policy_destroy(_ policy: UInt64) -> Int32 {
    respond { () throws(APIError) in
        _ = try HandleTable.shared.remove(policy, as: PolicyHandle.self)
    }
}
