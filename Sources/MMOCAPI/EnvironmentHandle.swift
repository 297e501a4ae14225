import Dispatch
import Foundation
import MMOCore
import MMOEnv

/// The environment behind a `gridmmo_env` handle: a `VecEnv`, the replays being recorded from
/// it, and the state that makes every call either run alone on it or be refused as busy.
final class EnvironmentHandle: HandleKind, @unchecked Sendable {
    static let kindName = "environment"
    static let kindWithArticle = "an environment"

    let env: VecEnv
    /// The replay being recorded from each world, if any. Replaced only while the handle is held;
    /// during a step each world's thread reads its own entry.
    private var recorders: [ReplayRecorder?]

    private enum Activity { case idle, calling, stepping }
    private let lock = NSLock()
    private var activity = Activity.idle
    /// The background step started by `send`, and the actions it reads.
    private let queue = DispatchQueue(label: "gridmmo.env.step")
    private let inFlight = DispatchGroup()
    private var sentActions: [Int32] = []
    private var sentResult: Result<Void, APIError> = .success(())

    init(env: VecEnv) {
        self.env = env
        recorders = Array(repeating: nil, count: env.environmentCount)
        sentActions = Array(repeating: 0, count: env.totalAgents * env.actionLayout.headCount)
        env.afterTick = { [unowned self] world, state in self.recorders[world]?.record(state) }
    }

    /// Runs `body` as the handle's only call, or refuses with a busy error.
    func exclusive<T>(_ body: () throws(APIError) -> T) throws(APIError) -> T {
        try begin()
        defer { end() }
        return try body()
    }

    /// Checks the buffers and actions, copies the actions and starts the step in the background.
    func send(actions: UnsafeBufferPointer<Int32>, into buffers: StepBuffers) throws(APIError) {
        try begin()
        guard actions.count == sentActions.count else {
            end()
            throw APIError(.buffer, StepBufferError(buffer: .actions, expected: sentActions.count, given: actions.count).description)
        }
        do throws(StepBufferError) {
            try env.validate(buffers)
        } catch {
            end()
            throw APIError(.buffer, error.description)
        }
        _ = sentActions.withUnsafeMutableBufferPointer { $0.initialize(from: actions) }
        lock.lock()
        activity = .stepping
        lock.unlock()
        inFlight.enter()
        queue.async { [self] in
            sentResult = sentActions.withUnsafeBufferPointer { actions in
                Result { () throws(APIError) in try Self.step(env, actions, buffers) }
            }
            inFlight.leave()
        }
    }

    /// Waits for the step `send` started and returns its result.
    func receive() throws(APIError) {
        lock.lock()
        guard activity == .stepping else {
            let calling = activity == .calling
            lock.unlock()
            throw calling ? APIError(.busy, "the environment is serving another call") : APIError(.state, "recv without a send: no step is in flight")
        }
        activity = .calling
        lock.unlock()
        inFlight.wait()
        end()
        try sentResult.get()
    }

    /// Waits for any call or step in flight to end, then finishes every replay: the handle's last
    /// act (it is already out of the handle table, and later calls that still hold it are refused
    /// as busy).
    func close() {
        while true {
            lock.lock()
            let current = activity
            if current == .idle { activity = .calling }
            lock.unlock()
            switch current {
            case .idle:
                for world in recorders.indices { _ = try? recorders[world]?.finish() }
                recorders = Array(repeating: nil, count: recorders.count)
                return
            case .stepping:
                inFlight.wait()
                end()
            case .calling:
                usleep(100)
            }
        }
    }

    /// Steps `env` once, translating a wrong buffer into an API error.
    static func step(_ env: VecEnv, _ actions: UnsafeBufferPointer<Int32>, _ buffers: StepBuffers) throws(APIError) {
        do throws(StepBufferError) {
            try env.step(actions: actions, into: buffers)
        } catch {
            throw APIError(.buffer, error.description)
        }
    }

    /// Starts recording world `world`, which must be at tick 0.
    func startReplay(world: Int, path: String) throws(APIError) {
        try checkWorld(world)
        let tick = env.world(world).tick
        guard tick == 0 else {
            throw APIError(.state, "replay \(path): world \(world) is at tick \(tick); start a replay right after a reset (or an episode's start)")
        }
        if let recorder = recorders[world], !recorder.isFinished {
            throw APIError(.state, "world \(world) is already being recorded; finish that replay first")
        }
        do throws(ReplayError) {
            recorders[world] = try ReplayRecorder(path: path, env: env, environment: world)
        } catch {
            throw APIError(.io, "replay \(error.description)")
        }
    }

    /// Completes world `world`'s replay and says what it holds.
    func finishReplay(world: Int) throws(APIError) -> ReplaySummary {
        try checkWorld(world)
        guard let recorder = recorders[world] else { throw APIError(.state, "world \(world) has no replay to finish") }
        recorders[world] = nil
        do throws(ReplayError) {
            return try recorder.finish()
        } catch {
            throw APIError(.io, "replay \(error.description)")
        }
    }

    func checkWorld(_ world: Int) throws(APIError) {
        guard (0..<env.environmentCount).contains(world) else {
            throw APIError(.argument, "world \(world) is not in 0..<\(env.environmentCount)")
        }
    }

    private func begin() throws(APIError) {
        lock.lock()
        defer { lock.unlock() }
        switch activity {
        case .idle: activity = .calling
        case .calling: throw APIError(.busy, "the environment is serving another call")
        case .stepping: throw APIError(.busy, "a step started with send is in flight; call recv first")
        }
    }

    private func end() {
        lock.lock()
        activity = .idle
        lock.unlock()
    }
}
