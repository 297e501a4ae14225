import MMOCore
import MMOEnv

/// What `simulate` and `bench` both set up from their options: the config, the map pool, the
/// batched environment with its buffers, and a scripted policy, with first observations written.
struct ScriptedRun {
    let config: Config
    let maps: [GameMap]
    let env: VecEnv
    let storage: StepBufferStorage
    let policy: BatchPolicy

    init(config configOptions: ConfigOptions, maps mapOptions: MapOptions, batch: BatchOptions, policy choice: PolicyChoice, curriculum curriculumOptions: CurriculumOptions? = nil) throws {
        config = try configOptions.load()
        maps = try mapOptions.load(config: config, seed: batch.seed)
        let curriculum = try curriculumOptions?.load()
        env = VecEnv(config: config, maps: maps, environmentCount: batch.envs, seed: batch.seed, threads: batch.threads, curriculum: curriculum,
                     taskEmbeddingInObservations: curriculumOptions?.taskEmbedding ?? true)
        storage = StepBufferStorage(for: env)
        policy = try choice.make(env: env, seed: batch.seed)
        try env.observe(into: storage.buffers)
    }

    /// Lets the policy choose actions from the current observations.
    func act() {
        policy.act(env: env, buffers: storage.buffers, actions: storage.actions)
    }

    /// Steps every environment with the chosen actions.
    func step() throws {
        try env.step(actions: storage.actionRows, into: storage.buffers)
    }
}
