import MMOCore

/// The numeric columns of the feature rows `ObservationFeatures` writes, in the writer's order,
/// with the raw ranges the game produces (from the rules in GAME_REFERENCE.md; open-ended counts
/// stop at the observation's Int16 maximum). Columns left out are categorical: the one-hot kind of
/// an entity or an item. `FeatureColumnTests` checks these tables against the writer.
extension ObservationFeatures {
    private static let countMaximum = Int(Int16.max)

    /// `selfFeatures` columns 0..<selfWidth - 1, then task progress (the last column) on its own.
    public var selfFeatureColumns: [FeatureColumn] {
        let size = Int(mapSize), ticks = Int(horizon)
        var columns: [FeatureColumn] = [
            .init("health", .linear(divisor: 100), 0...100), .init("food", .linear(divisor: 100), 0...100),
            .init("water", .linear(divisor: 100), 0...100),
            .init("row", .linear(divisor: mapSize), 0...size - 1), .init("col", .linear(divisor: mapSize), 0...size - 1),
            .init("time alive", .linear(divisor: horizon), 0...ticks), .init("farthest", .linear(divisor: 64), 0...size),
            .init("gold", .log1p, 0...Self.countMaximum), .flag("in combat"), .flag("spawn immune"),
            .init("highest level", .linear(divisor: 10), 1...10), .init("damage taken", .linear(divisor: 20), 0...100),
        ]
        for name in ["melee offense", "range offense", "mage offense", "melee defense", "range defense", "mage defense"] {
            columns.append(.init(name, .linear(divisor: 50), 0...200))
        }
        columns.append(.init("tick", .linear(divisor: horizon), 0...ticks))
        for skill in Skill.allCases {
            columns.append(.init("\(skill) level", .linear(divisor: 10), 1...10))
            columns.append(.init("\(skill) experience", .log1p, 0...Self.countMaximum))
        }
        for slot in EquipmentSlot.allCases { columns.append(.flag("\(slot) equipped")) }
        return columns
    }

    /// The last `selfFeatures` column: the agent's task progress (part of the goal, not of perception).
    public static let taskProgressColumn = FeatureColumn("task progress", .real, 0...1)

    /// First numeric column of an entity row (after the 5-column kind one-hot).
    public static let entityNumericOffset = 5
    /// Entity row columns entityNumericOffset..<entityWidth.
    public var entityFeatureColumns: [FeatureColumn] {
        let radius = Int(visionRadius)
        return [
            .init("d row", .linear(divisor: visionRadius), -radius...radius), .init("d col", .linear(divisor: visionRadius), -radius...radius),
            .init("health", .linear(divisor: 100), 0...100), .init("food", .linear(divisor: 100), 0...100),
            .init("water", .linear(divisor: 100), 0...100), .flag("same team"), .init("level", .linear(divisor: 10), 0...10),
            .init("main style", .linear(divisor: 3), 0...3), .flag("in combat"), .flag("spawn immune"), .flag("attacked me"),
            .init("damage taken", .linear(divisor: 20), 0...100), .flag("attackable"),
        ]
    }

    /// First numeric column of an inventory row (after the item kind one-hot).
    public static let inventoryNumericOffset = ItemKind.count + 1
    /// Inventory row columns inventoryNumericOffset..<inventoryWidth.
    public var inventoryFeatureColumns: [FeatureColumn] {
        var columns: [FeatureColumn] = [
            .init("level", .linear(divisor: 10), 0...10), .init("quantity", .log1p, 0...Self.countMaximum), .flag("equipped"),
            .flag("listed"), .init("listed price", .linear(divisor: 100), 0...99),
        ]
        for name in ["melee attack", "range attack", "mage attack", "melee defense", "range defense", "mage defense"] {
            columns.append(.init(name, .linear(divisor: 50), 0...100))
        }
        columns.append(.init("restore", .linear(divisor: 100), 0...200))
        return columns
    }

    /// Each market entry's two columns: price and log quantity.
    public var marketFeatureColumns: [FeatureColumn] {
        [.init("price", .linear(divisor: 100), 0...99), .init("quantity", .log1p, 0...Self.countMaximum)]
    }
}
