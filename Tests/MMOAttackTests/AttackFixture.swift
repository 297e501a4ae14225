import MMOAttack
import MMOCore
import MMOEnv
import MMONet
import MMOTasks
import MMOTrain

/// A small world with teams and a curriculum after a few ticks of random play, a small policy
/// network and an attack frame over it: what the attack tests perturb. Not a test itself.
struct AttackFixture {
    let env: VecEnv
    let storage: StepBufferStorage
    let network: PolicyNetwork

    init(ticks: Int = 10, environments: Int = 1, threads: Int = 1) throws {
        var config = Config.small
        config.players.teams = 8
        let curriculum = Curriculum(specs: [
            TaskSpec(name: "eat", predicate: .countEvent(event: Int(EventKind.eatFood.rawValue), count: 2)),
            TaskSpec(name: "travel", predicate: .distanceTraveled(distance: 6), weight: 2),
        ])
        env = VecEnv(config: config, maps: [TerrainGenerator.generate(config: config, seed: 21)], environmentCount: environments, seed: 3,
                     threads: threads, curriculum: curriculum, taskEmbeddingInObservations: false)
        storage = StepBufferStorage(for: env)
        let policy = RandomPolicy(env: env, seed: 4)
        try env.observe(into: storage.buffers)
        for _ in 0..<ticks {
            policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
            try env.step(actions: storage.actionRows, into: storage.buffers)
        }
        var sizes = PolicyConfig()
        sizes.tileChannels = 4; sizes.tileWidth = 8; sizes.entityWidth = 6; sizes.itemWidth = 6
        sizes.selfWidth = 5; sizes.marketWidth = 4; sizes.taskWidth = 5; sizes.hiddenWidth = 12
        network = PolicyNetwork(sizes: sizes, layout: env.observationLayout, actionLayout: env.actionLayout, config: env.config, seed: 7)
        network.setTasks(env.taskEmbeddings)
    }

    /// Attack half of each team (positions drawn from seed 5).
    func targets(fraction: Double = 0.5) -> AttackTargets {
        AttackTargets.random(fraction: fraction, agentsPerEnv: env.agentsPerEnv, environments: env.environmentCount,
                             teamSize: env.agentsPerEnv / env.config.players.teams, seed: 5)
    }

    func frame(budget: PerturbationBudget, targets: AttackTargets? = nil, threads: Int = 1, includesTask: Bool = false) -> AttackFrame {
        let surface = AttackSurface(features: network.observation, includesTask: includesTask, taskEmbeddings: network.taskTable)
        return AttackFrame(surface: surface, targets: targets ?? self.targets(), budget: budget, maskWidth: env.actionLayout.maskWidth, threads: threads)
    }
}
