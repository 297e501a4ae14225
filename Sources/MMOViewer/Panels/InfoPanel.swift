import MMOCore

/// The side panel's content for a frame: the episode (tick, population, speed), the selected
/// agent (vitals; from format 2 replays also level, gold, skills, equipment and inventory; from
/// format 3 replays recorded with a curriculum also the agent's task and progress; what the
/// replay does not record, such as everything of format 1, shows "-") and the event ticker.
public enum InfoPanel {
    /// Shown for what the replay does not record.
    public static let missing = "-"
    /// Item icons per panel row (drawn 32 pixels wide).
    public static let iconsPerRow = 5
    /// Characters of the label column, before a row's value.
    static let labelColumns = 8
    /// Pixels between the panel's edges and its text, on either side.
    static let margin = 10
    /// Skill names as the panel prints them, four letters each.
    static let skillNames = Skill.allCases.map { String($0.name.prefix(4)) }

    /// The sections, top to bottom; the ticker holds at most `tickerRows` events.
    public static func sections(config: Config, frame: ReplayFrame, timeline: ReplayTimeline, state: ViewerState, tickerRows: Int) -> [PanelSection] {
        var sections = [episode(config: config, timeline: timeline, state: state)]
        sections.append(selection(config: config, frame: frame, timeline: timeline, state: state))
        let events = timeline.recentEvents(at: frame.tick, count: tickerRows)
        let playerCount = config.players.count
        sections.append(PanelSection(title: "Events", rows: events.map { event in
            PanelRow(label: "", value: "t\(event.tick) " + EventText.describe(event, playerCount: playerCount), wide: true)
        }))
        return sections
    }

    static func episode(config: Config, timeline: ReplayTimeline, state: ViewerState) -> PanelSection {
        let tick = state.tick
        return PanelSection(title: "Episode", rows: [
            PanelRow(label: "Tick", value: "\(tick) / \(state.lastTick)"),
            PanelRow(label: "Players", value: "\(timeline.playersAlive[tick]) / \(config.players.count)"),
            PanelRow(label: "NPCs", value: "\(timeline.npcsAlive[tick]) / \(config.npcs.count)"),
            PanelRow(label: "Speed", value: "\(state.speed.label) \(state.playing ? "playing" : "paused")"),
        ])
    }

    static func selection(config: Config, frame: ReplayFrame, timeline: ReplayTimeline, state: ViewerState) -> PanelSection {
        guard let slot = state.selected, frame.entities.indices.contains(slot) else {
            return PanelSection(title: "No selection", rows: [PanelRow(label: "", value: "click an agent or Tab")])
        }
        let entity = frame.entities[slot]
        let vitals = config.vitals
        var status = entity.alive ? "alive" : "dead"
        if !entity.alive, let death = timeline.deaths.last(where: { $0.slot == slot && $0.tick <= frame.tick }) {
            status = "died t\(death.tick)"
        }
        var rows = [
            PanelRow(label: "Kind", value: kindName(entity.kind)),
            PanelRow(label: "Team", value: entity.team >= 0 ? "\(entity.team)" : missing),
            PanelRow(label: "Tile", value: "\(entity.row),\(entity.col)"),
            PanelRow(label: "Status", value: status + (state.following ? ", followed" : "")),
            vital("Health", entity.health, of: vitals.maxHealth, color: Palette.health),
        ]
        if entity.kind == .player {
            rows.append(vital("Food", entity.food, of: vitals.maxFood, color: Palette.food))
            rows.append(vital("Water", entity.water, of: vitals.maxWater, color: Palette.water))
        }
        rows += details(frame.details, slot: slot, player: entity.kind == .player)
        rows.append(PanelRow(label: "Task", value: task(frame.tasks, slot: slot, columns: valueColumns(panelWidth: state.layout.panel.width))))
        return PanelSection(title: EventText.name(ofSlot: Int32(slot), playerCount: config.players.count), rows: rows)
    }

    /// Level, gold, skills, equipment and inventory rows (NPCs: level and gold).
    static func details(_ details: ReplayDetails, slot: Int, player: Bool) -> [PanelRow] {
        guard details.isRecorded else {
            return ["Level", "Gold", "Skills", "Equip", "Items"].map { PanelRow(label: $0, value: missing) }
        }
        var rows = [
            PanelRow(label: "Level", value: "\(details.level(slot))"),
            PanelRow(label: "Gold", value: "\(details.gold(slot))"),
        ]
        guard player else { return rows }
        let skills = Skill.allCases.map { "\(skillNames[$0.rawValue]) \(details.skillLevel(slot, $0))" }
        for pair in stride(from: 0, to: skills.count, by: 2) {
            rows.append(PanelRow(label: pair == 0 ? "Skills" : "", value: skills[pair..<min(pair + 2, skills.count)].joined(separator: " ")))
        }
        let equipped = EquipmentSlot.allCases.compactMap { details.equipped(slot, $0) }.compactMap { details.item(slot, $0) }
        rows.append(PanelRow(label: "Equip", value: equipped.isEmpty ? missing : "", icons: equipped.map(icon)))
        let items = (0..<details.inventorySlots).compactMap { details.item(slot, $0) }
        if items.isEmpty {
            rows.append(PanelRow(label: "Items", value: missing))
        }
        for start in stride(from: 0, to: items.count, by: iconsPerRow) {
            let chunk = items[start..<min(start + iconsPerRow, items.count)]
            rows.append(PanelRow(label: start == 0 ? "Items" : "", value: "", icons: chunk.map(icon)))
        }
        return rows
    }

    /// The panel icon of an item of `ReplayDetails`.
    static func icon(_ item: (kind: ItemKind, level: Int32, quantity: Int32, price: Int32)) -> PanelIcon {
        PanelIcon(item: ItemIcon(item.kind), level: Int(item.level), quantity: Int(item.quantity))
    }

    /// The task of player `slot` and its progress, "name 50%", with the name cut so that the
    /// whole fits `columns` characters; "-" when the replay has no tasks or the slot is an NPC's.
    static func task(_ tasks: ReplayTasks?, slot: Int, columns: Int) -> String {
        guard let tasks, tasks.labels.indices.contains(slot) else { return missing }
        let percent = " \(Int((tasks.progress[slot] * 100).rounded(.down)))%"
        return String(tasks.name(ofPlayer: slot).prefix(max(columns - percent.count, 1))) + percent
    }

    /// Characters that fit in a row's value column of a panel `panelWidth` pixels wide.
    static func valueColumns(panelWidth: Int) -> Int {
        let glyph = ArtAtlas.glyphWidth * FrameLayout.textScale
        return (panelWidth - 2 * margin) / glyph - labelColumns
    }

    static func vital(_ label: String, _ value: Int32, of maximum: Int, color: Color) -> PanelRow {
        PanelRow(label: label, value: "\(value)", meter: Meter(fraction: Double(value) / Double(max(maximum, 1)), color: color))
    }

    static func kindName(_ kind: EntityKind) -> String {
        switch kind {
        case .empty: return "empty slot"
        case .player: return "player"
        case .passiveNPC: return "passive NPC"
        case .neutralNPC: return "neutral NPC"
        case .hostileNPC: return "hostile NPC"
        }
    }
}
