import MMOCore
import MMOEnv

/// One environment of three teammates on a Grass map, for driving the action heads through
/// `VecEnv.step` one choice at a time. Agent 0 stands in the middle, agents 1 and 2 four tiles
/// south and east of it: in sight and within giving distance, out of reach of attacks. Players are
/// immortal and immune to each other's attacks (a test lifts an agent's immunity through its spawn
/// tick), so every agent's "nothing" options, `attack_target`'s "none" included, stay legal. Every
/// agent chooses "nothing" on every head unless a test picks an option, which it finds through
/// the observation, as a user would.
final class HeadDriver {
    let env: VecEnv
    let storage: StepBufferStorage
    var world: World { env.world(0) }
    var layout: ActionLayout { env.actionLayout }

    init(overrides: [(row: Int, col: Int, material: Material)] = [], configure: (inout Config) -> Void = { _ in }) throws {
        var config = Config.small
        config.players.count = 3
        config.players.teams = 1
        config.players.immortal = true
        config.npcs.count = 0
        config.combat.spawnImmunity = 1_000
        configure(&config)
        env = VecEnv(config: config, maps: [HandMadeMap.make(config: config, overrides: overrides)], environmentCount: 1, seed: 1, threads: 1)
        storage = StepBufferStorage(for: env)
        for (agent, position) in [(32, 32), (36, 32), (32, 36)].enumerated() { world.relocate(agent, row: position.0, col: position.1) }
        try observe()
    }

    /// Rewrites observations and masks after a test arranged the world by hand, and resets every
    /// choice to "nothing".
    func observe() throws {
        try env.observe(into: storage.buffers)
        chooseNothing()
    }

    /// Picks `option` on head `kind` for `agent`.
    func choose(_ kind: ActionHeadKind, _ option: Int, agent: Int = 0) {
        storage.actions[agent * layout.headCount + kind.rawValue] = Int32(option)
    }

    /// Whether `option` of head `kind` is legal for `agent` now, by its mask.
    func isLegal(_ kind: ActionHeadKind, _ option: Int, agent: Int = 0) -> Bool {
        storage.buffers.masks[agent * layout.maskWidth + layout[kind].maskOffset + option] != 0
    }

    /// Steps the environment with the chosen options, then resets them to "nothing"; returns how
    /// many heads were illegal.
    func step() throws -> Int {
        let before = env.illegalActions
        try env.step(actions: storage.actionRows, into: storage.buffers)
        chooseNothing()
        return env.illegalActions - before
    }

    /// Column `column` of row `row` of `agent`'s int16 segment `segment`.
    func observed(_ segment: String, _ column: String, row: Int = 0, agent: Int = 0) -> Int {
        let layout = env.observationLayout
        let table = layout.segment(named: segment)!
        let record = storage.buffers.observations.baseAddress! + agent * layout.bytesPerAgent + table.offset
        return Int(record.load(fromByteOffset: (row * table.columns.count + layout.column(column, of: segment)) * 2, as: Int16.self))
    }

    /// The entity row in which `agent` sees player `other` (the `attack_target`, `give_target` and
    /// `give_gold_target` option naming it).
    func entityRow(showing other: Int, agent: Int = 0) -> Int {
        rows("entities").first { observed("entities", "id", row: $0, agent: agent) == other + 1 }!
    }

    /// An entity row that shows nobody.
    func emptyEntityRow(agent: Int = 0) -> Int {
        rows("entities").first { observed("entities", "id", row: $0, agent: agent) == 0 }!
    }

    /// The inventory row (the slot option of `use`, `destroy`, `give_item` and `sell_item`) holding
    /// `kind` at `level` for `agent`, or nil.
    func inventorySlot(holding kind: ItemKind, level: Int = 1, agent: Int = 0) -> Int? {
        rows("inventory").first {
            observed("inventory", "kind", row: $0, agent: agent) == Int(kind.rawValue) && observed("inventory", "level", row: $0, agent: agent) == level
        }
    }

    /// An inventory row that holds nothing.
    func emptyInventorySlot(agent: Int = 0) -> Int {
        rows("inventory").first { observed("inventory", "kind", row: $0, agent: agent) == 0 }!
    }

    private func rows(_ segment: String) -> Range<Int> {
        0..<env.observationLayout.segment(named: segment)!.shape[0]
    }

    private func chooseNothing() {
        for agent in 0..<env.totalAgents {
            for kind in ActionHeadKind.allCases { choose(kind, Int(layout[kind].nothing), agent: agent) }
        }
    }
}
