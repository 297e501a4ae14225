import MMOCore
import MMOEnv
import MMOTasks
import MMOTrain

/// Plays scheduled episodes of a `VecEnv` with a learned policy under an attack (or none), a
/// batch of `environmentCount` episodes at a time: each environment restarts on its episode's map
/// and seed, and the batch steps until every episode in it has ended (an ended environment keeps
/// stepping, outside the books, until the batch is done). Episodes depend only on the schedule
/// and the policy seed, never on the thread count.
public final class AttackRunner {
    public let env: VecEnv
    public let network: PolicyNetwork
    private let storage: StepBufferStorage
    private let tracker: EpisodeTracker

    public init(network: PolicyNetwork, config: Config, maps: [GameMap], curriculum: Curriculum, environments: Int, threads: Int) {
        self.network = network
        env = VecEnv(config: config, maps: maps, environmentCount: environments, seed: 1, threads: threads, curriculum: curriculum,
                     taskEmbeddingInObservations: false)
        storage = StepBufferStorage(for: env)
        tracker = EpisodeTracker(env: env)
        env.afterTick = { [tracker] environment, world in tracker.ticked(environment: environment, world: world) }
    }

    /// What a `play` measured.
    public struct Played: Sendable {
        public var outcomes: [EpisodeOutcome] = []
        /// Environment steps taken and, summed over them, the attack's and the policy's time.
        public var steps = 0
        public var attackNanoseconds: UInt64 = 0
        public var policyNanoseconds: UInt64 = 0
    }

    /// Plays `episodes` of `schedule` with the network acting on `frame`'s features under `attack`.
    /// `observe` (when given) sees the frame after every step's projection (or load, without an
    /// attack), while the step's episodes run.
    public func play(_ episodes: Range<Int>, of schedule: EpisodeSchedule, frame: AttackFrame, attack: ObservationAttack?, policySeed: UInt64,
                     observe: ((AttackFrame) -> Void)? = nil) throws -> Played {
        let policy = AttackedPolicy(network: network, env: env, frame: frame, attack: attack, seed: policySeed)
        var played = Played()
        let buffers = storage.buffers
        for batchStart in stride(from: episodes.lowerBound, to: episodes.upperBound, by: env.environmentCount) {
            let count = min(env.environmentCount, episodes.upperBound - batchStart)
            for environment in 0..<env.environmentCount {
                // Idle environments replay the batch's first episode, outside the books.
                let episode = batchStart + (environment < count ? environment : 0)
                try env.restart(environment: environment, map: schedule.map(episode), seed: schedule.seed(episode), into: buffers)
            }
            tracker.start(count: count)
            frame.restartEpisodes()
            for environment in 0..<env.environmentCount { frame.setLive(environment: environment, tracker.running[environment]) }
            while tracker.anyRunning {
                policy.act(env: env, buffers: buffers, actions: storage.actions)
                observe?(frame)
                try env.step(actions: storage.actionRows, into: buffers)
                policy.stepped(buffers)
                tracker.stepped(alive: frame.alive, buffers: buffers)
                for environment in 0..<env.environmentCount { frame.setLive(environment: environment, tracker.running[environment]) }
                played.steps += 1
            }
            for environment in 0..<count {
                played.outcomes.append(tracker.outcome(environment: environment, episode: batchStart + environment, isAttacked: frame.targets.isAttacked))
            }
        }
        played.attackNanoseconds = policy.attackNanoseconds
        played.policyNanoseconds = policy.policyNanoseconds
        return played
    }
}
