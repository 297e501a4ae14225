// Replay C functions; `gridmmo.h` documents each one.

@_cdecl("gridmmo_env_replay_start")
public func gridmmo_env_replay_start(_ env: UInt64, _ world: Int, _ path: UnsafePointer<CChar>?) -> Int32 {
    respond { () throws(APIError) in
        let handle = try HandleTable.shared.lookup(env, as: EnvironmentHandle.self)
        let file = try CArguments.string(path, "path")
        try handle.exclusive { () throws(APIError) in try handle.startReplay(world: world, path: file) }
    }
}

@_cdecl("gridmmo_env_replay_finish")
public func gridmmo_env_replay_finish(_ env: UInt64, _ world: Int, _ outTicks: UnsafeMutablePointer<Int64>?, _ outBytes: UnsafeMutablePointer<Int64>?,
                                      _ outChecksum: UnsafeMutablePointer<UInt64>?) -> Int32 {
    respond { () throws(APIError) in
        let handle = try HandleTable.shared.lookup(env, as: EnvironmentHandle.self)
        let summary = try handle.exclusive { () throws(APIError) in try handle.finishReplay(world: world) }
        outTicks?.pointee = Int64(summary.tickCount)
        outBytes?.pointee = Int64(summary.byteCount)
        outChecksum?.pointee = summary.checksum
    }
}
