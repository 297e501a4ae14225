import MMOCore

/// Who a predicate is evaluated for: one agent or a team, as a list of player slots fixed when the
/// subject is made (distinct, ascending), so evaluating it allocates nothing.
public struct Subject: Sendable, Equatable {
    /// The members' player slots, ascending and distinct.
    public let members: [Int]

    /// A subject of the given player slots (sorted, duplicates dropped); at least one slot.
    public init(members: [Int]) {
        precondition(!members.isEmpty, "a subject needs at least one member")
        precondition(members.allSatisfy { $0 >= 0 }, "player slots are not negative")
        let sorted = members.sorted()
        self.members = sorted.indices.filter { $0 == 0 || sorted[$0] != sorted[$0 - 1] }.map { sorted[$0] }
    }

    /// A single agent.
    public static func agent(_ slot: Int) -> Subject { Subject(members: [slot]) }

    /// Every player of `team` in `world` (by `EntityTable.team`), or `nil` when the team has no player.
    public static func team(_ team: Int, in world: World) -> Subject? {
        let entities = world.entities
        let slots = (0..<entities.playerCount).filter { entities.team[$0] == Int32(team) }
        return slots.isEmpty ? nil : Subject(members: slots)
    }
}
