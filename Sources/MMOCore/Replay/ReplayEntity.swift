/// The recorded state of one entity slot at one tick: the `EntityTable` columns a replay keeps.
public struct ReplayEntity: Sendable, Equatable {
    public var kind: EntityKind
    /// Whether the entity is in the world (`EntityTable.alive != 0`).
    public var alive: Bool
    public var row: Int32
    public var col: Int32
    public var health: Int32
    public var food: Int32
    public var water: Int32
    /// Team index, or -1 without teams.
    public var team: Int32

    public init(kind: EntityKind, alive: Bool, row: Int32, col: Int32, health: Int32, food: Int32, water: Int32, team: Int32) {
        self.kind = kind
        self.alive = alive
        self.row = row
        self.col = col
        self.health = health
        self.food = food
        self.water = water
        self.team = team
    }

    /// The state of `slot` in `entities` right now.
    public init(slot: Int, of entities: EntityTable) {
        self.init(
            kind: entities.kind[slot], alive: entities.alive[slot] != 0,
            row: entities.row[slot], col: entities.col[slot], health: entities.health[slot],
            food: entities.food[slot], water: entities.water[slot], team: entities.team[slot]
        )
    }

    /// An unused slot, as `EntityTable.clear()` leaves it.
    public static let empty = ReplayEntity(kind: .empty, alive: false, row: 0, col: 0, health: 0, food: 0, water: 0, team: -1)
}
