import MMOCore

/// One named block of an agent's observation record: element type, shape, byte offset in the
/// record, and (for tables) the name of each column.
public struct ObservationSegment: Sendable, Equatable {
    public let name: String
    public let type: ScalarType
    public let shape: [Int]
    /// Byte offset from the start of the agent's record (a multiple of 8).
    public let offset: Int
    /// Names of the last axis, for feature tables; empty for plain arrays.
    public let columns: [String]

    /// Elements in the segment.
    public var elementCount: Int { shape.reduce(1, *) }
    /// Bytes in the segment.
    public var byteCount: Int { elementCount * type.size }
}

/// The observation of one agent, described as data: a fixed-size byte record made of named
/// segments. Consumers (the encoder, Python's structured `numpy.dtype`, policies) look segments up
/// by name, so later issues add segments without rewriting readers. Every segment starts at a
/// multiple of 8 bytes and the record size is a multiple of 8.
public struct ObservationLayout: Sendable, Equatable {
    public let segments: [ObservationSegment]
    /// Size of one agent's record in bytes.
    public let bytesPerAgent: Int

    /// Columns of the `self` segment (`SelfColumn`).
    public static let selfColumns = SelfColumn.names
    /// Columns of each `entities` row (`EntityColumn`); a row of zeros (id 0) is empty.
    public static let entityColumns = EntityColumn.names
    /// Columns of the `skills` segment, one row per `Skill`.
    public static let skillColumns = SkillColumn.names
    /// Columns of each `inventory` row (`InventoryColumn`); kind 0 is an empty slot.
    public static let inventoryColumns = InventoryColumn.names
    /// Columns of each `market` row, one row per `MarketBoard` entry (kind x level).
    public static let marketColumns = MarketColumn.names
    /// Columns of each `comm` row (teammates, in slot order).
    public static let commColumns = CommColumn.names

    /// Teammates listed in the `comm` segment: team size minus one with teams and comm on, else 0.
    public static func commRows(config: Config) -> Int {
        guard config.comm.enabled, config.players.teams > 0 else { return 0 }
        return config.players.count / config.players.teams - 1
    }

    /// The layout for a config: `tick`, `self`, `skills`, `tiles`, `entities`, `inventory`,
    /// `equipment`, `market`, (with teams and comm) `comm`, and, when the environment assigns
    /// `tasks`, `task` (the curriculum index of the agent's task) and `task_progress`, then
    /// `task_embedding` when `taskEmbeddingDimension` > 0.
    public init(config: Config, tasks: Bool = false, taskEmbeddingDimension: Int = 0) {
        precondition(tasks || taskEmbeddingDimension == 0, "a task embedding needs the task segments")
        let side = 2 * config.observation.visionRadius + 1
        var blocks: [(name: String, type: ScalarType, shape: [Int], columns: [String])] = [
            ("tick", .int32, [1], []),
            ("self", .int16, [Self.selfColumns.count], Self.selfColumns),
            ("skills", .int16, [Skill.count, Self.skillColumns.count], Self.skillColumns),
            ("tiles", .uint8, [side, side], []),
            ("entities", .int16, [config.observation.entities, Self.entityColumns.count], Self.entityColumns),
            ("inventory", .int16, [config.items.inventorySize, Self.inventoryColumns.count], Self.inventoryColumns),
            ("equipment", .int16, [EquipmentSlot.count], []),
            ("market", .int16, [MarketBoard.entryCount, Self.marketColumns.count], Self.marketColumns),
        ]
        let teammates = Self.commRows(config: config)
        if teammates > 0 { blocks.append(("comm", .int16, [teammates, Self.commColumns.count], Self.commColumns)) }
        if tasks {
            blocks.append(("task", .int32, [1], []))
            blocks.append(("task_progress", .float32, [1], []))
        }
        if taskEmbeddingDimension > 0 { blocks.append(("task_embedding", .float16, [taskEmbeddingDimension], [])) }
        self.init(blocks: blocks)
    }

    /// Lays out blocks in order, each aligned to 8 bytes.
    public init(blocks: [(name: String, type: ScalarType, shape: [Int], columns: [String])]) {
        var offset = 0
        var segments: [ObservationSegment] = []
        for block in blocks {
            let segment = ObservationSegment(name: block.name, type: block.type, shape: block.shape, offset: offset, columns: block.columns)
            segments.append(segment)
            offset = Self.align(offset + segment.byteCount)
        }
        self.segments = segments
        bytesPerAgent = offset
    }

    /// The segment with this name, or `nil`.
    public func segment(named name: String) -> ObservationSegment? {
        segments.first { $0.name == name }
    }

    /// Index of a column in a segment; traps on a name the layout does not have (a programming error).
    public func column(_ column: String, of segment: String) -> Int {
        guard let index = self.segment(named: segment)?.columns.firstIndex(of: column) else {
            preconditionFailure("observation segment '\(segment)' has no column '\(column)'")
        }
        return index
    }

    /// The layout as JSON text, for Python and other readers.
    public var json: String {
        let items = segments.map { segment in
            let shape = segment.shape.map(String.init).joined(separator: ", ")
            let columns = segment.columns.map { "\"\($0)\"" }.joined(separator: ", ")
            return "    {\"name\": \"\(segment.name)\", \"dtype\": \"\(segment.type.rawValue)\", \"shape\": [\(shape)], \"offset\": \(segment.offset), \"columns\": [\(columns)]}"
        }
        return "{\n  \"bytes_per_agent\": \(bytesPerAgent),\n  \"segments\": [\n\(items.joined(separator: ",\n"))\n  ]\n}"
    }

    private static func align(_ offset: Int) -> Int { (offset + 7) & ~7 }
}
