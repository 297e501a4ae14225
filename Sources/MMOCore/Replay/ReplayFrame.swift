/// Everything a replay records about one tick: every entity slot, every tile, the tick's events and,
/// when recorded, every player's task.
public struct ReplayFrame: Sendable, Equatable {
    /// The tick: 0 is the state right after reset, t the state after the t-th step.
    public var tick: Int
    /// The state of every entity slot, indexed by slot (players first, then NPC slots).
    public var entities: [ReplayEntity]
    /// The material raw value of every tile at this tick, row-major like `GameMap.materials`.
    public var materials: [UInt8]
    /// The events of this tick, in the order they happened.
    public var events: [Event]
    /// Gold, levels, skills, equipment and inventory of every slot (format 2 and later).
    public var details: ReplayDetails
    /// Every player's task label and progress (format 3 recordings with tasks), else nil.
    public var tasks: ReplayTasks?

    public init(tick: Int, entities: [ReplayEntity], materials: [UInt8], events: [Event], details: ReplayDetails, tasks: ReplayTasks? = nil) {
        self.tick = tick
        self.entities = entities
        self.materials = materials
        self.events = events
        self.details = details
        self.tasks = tasks
    }
}
