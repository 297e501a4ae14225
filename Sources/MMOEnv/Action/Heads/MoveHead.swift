import MMOCore

/// `move`: a step north, south, east or west, legal onto a passable tile (as `Movement` takes it),
/// or `stay`, its "nothing".
enum MoveHead: ActionHeadRules {
    static let name = "move"

    static func options(for config: Config) -> [String] { Direction.allCases.map { String(describing: $0) } }

    static func nothing(for config: Config) -> Int { Int(Direction.stay.rawValue) }

    static func alwaysLegal(inCombat: Bool, config: Config) -> [Int] { [nothing(for: config)] }

    static func isLegal(_ option: Int, agent: Int, world: World, shown: [Int32]) -> Bool {
        let direction = Direction(rawValue: UInt8(option))!
        let row = Int(world.entities.row[agent]) + direction.rowDelta, col = Int(world.entities.col[agent]) + direction.colDelta
        return direction == .stay || world.tiles.passable[world.tiles.index(row: row, col: col)] != 0
    }

    @inline(__always)
    static func decode(_ choices: inout ActionChoices, agent: Int, shown: UnsafePointer<Int32>, into intents: Intents) {
        if let move = choices.legal(.move) { intents.move[agent] = UInt8(move) }
    }
}
