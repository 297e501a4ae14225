/// Byte offsets of the segments the writer fills, looked up once from the layout.
struct SegmentOffsets {
    let tick: Int
    let selfState: Int
    let skills: Int
    let tiles: Int
    let entities: Int
    let inventory: Int
    let equipment: Int
    let market: Int
    /// Absent without teams or with communication off.
    let comm: Int?
    /// Absent without tasks.
    let task: Int?
    let taskProgress: Int?
    let taskEmbedding: Int?

    init(_ layout: ObservationLayout) {
        func offset(_ name: String) -> Int { layout.segment(named: name)!.offset }
        tick = offset("tick")
        selfState = offset("self")
        skills = offset("skills")
        tiles = offset("tiles")
        entities = offset("entities")
        inventory = offset("inventory")
        equipment = offset("equipment")
        market = offset("market")
        comm = layout.segment(named: "comm")?.offset
        task = layout.segment(named: "task")?.offset
        taskProgress = layout.segment(named: "task_progress")?.offset
        taskEmbedding = layout.segment(named: "task_embedding")?.offset
    }
}
