import MMOCore
import MMOViewer
import Testing

/// What the scene builder draws from the fixture replay, the timeline index and the panels,
/// checked as draw commands (no SDL needed).
struct SceneTests {
    static let replay = Result { try ViewerFixture.replay() }

    @Test func timelineIndexesPopulationEventsAndDeaths() throws {
        let replay = try Self.replay.get()
        let timeline = ReplayTimeline(replay: replay)
        #expect(timeline.playersAlive.count == replay.tickCount)
        #expect(timeline.playersAlive[0] == 16 && timeline.npcsAlive[0] == 4)
        for tick in 0..<replay.tickCount {
            let frame = replay.frame(at: tick)
            #expect(timeline.events[tick] == frame.events)
            #expect(timeline.playersAlive[tick] == frame.entities.prefix(16).filter(\.alive).count)
        }
        #expect(!timeline.deaths.isEmpty, "the fog kills players in the fixture")
        for death in timeline.deaths {
            let frame = replay.frame(at: death.tick)
            #expect(!frame.entities[death.slot].alive && Int(frame.entities[death.slot].row) == death.row)
            #expect(timeline.recentDeaths(at: death.tick, window: 1).contains(death))
            #expect(!timeline.recentDeaths(at: death.tick - 1, window: 16).contains(death))
        }
        let recent = timeline.recentEvents(at: 6, count: 5)
        #expect(recent.count == 5 && recent.allSatisfy { $0.tick <= 6 } && recent.first?.tick == 6)
    }

    @Test func attackLinesJoinAttackerAndTargetInTheirStyleColour() throws {
        let replay = try Self.replay.get()
        let timeline = ReplayTimeline(replay: replay)
        let frame = replay.frame(at: 6)
        let hits = frame.events.filter { $0.kind == .scoreHit }
        #expect(hits.count >= 4)
        var state = ViewerState(tickCount: replay.tickCount, mapSize: 64, playableSide: 33, layout: FrameLayout(width: 800, height: 600))
        state.seek(to: 6)
        let commands = SceneBuilder(replay: replay, timeline: timeline).build(frame: frame, state: state)
        for hit in hits {
            let from = state.camera.rect(row: Int(frame.entities[Int(hit.entity)].row), col: Int(frame.entities[Int(hit.entity)].col), in: state.layout.map)
            let to = state.camera.rect(row: Int(frame.entities[Int(hit.target)].row), col: Int(frame.entities[Int(hit.target)].col), in: state.layout.map)
            let half = state.camera.tileSize / 2
            let line = DrawCommand.line(fromX: from.x + half, fromY: from.y + half, toX: to.x + half, toY: to.y + half, Palette.attack(style: hit.type))
            #expect(commands.contains(line), "a line for \(hit)")
        }
        #expect(Set(hits.map(\.type)) == [0, 1, 2], "the fixture has every style")
        #expect(Palette.attack(style: 0) != Palette.attack(style: 1) && Palette.attack(style: 1) != Palette.attack(style: 2))
    }

    @Test func fogIsDrawnOnlyOnceItHasStarted() throws {
        let replay = try Self.replay.get()
        let timeline = ReplayTimeline(replay: replay)
        let builder = SceneBuilder(replay: replay, timeline: timeline)
        var state = ViewerState(tickCount: replay.tickCount, mapSize: 64, playableSide: 33, layout: FrameLayout(width: 800, height: 600))
        let fogFills = { (commands: [DrawCommand]) in commands.filter { if case .fill(_, Palette.fog) = $0 { return true } else { return false } }.count }
        #expect(fogFills(builder.build(frame: replay.frame(at: 7), state: state)) == 0)
        #expect(fogFills(builder.build(frame: replay.frame(at: 8), state: state)) == 4)
        state.overlays.remove(.fog)
        #expect(fogFills(builder.build(frame: replay.frame(at: 8), state: state)) == 0)
    }

    @Test func panelShowsWhatTheFrameHasAndDashesForTheRest() throws {
        let replay = try Self.replay.get()
        let timeline = ReplayTimeline(replay: replay)
        var state = ViewerState(tickCount: replay.tickCount, mapSize: 64, playableSide: 33, layout: FrameLayout(width: 800, height: 600))
        state.seek(to: 5)
        state.select(2)
        let frame = replay.frame(at: 5)
        let sections = InfoPanel.sections(config: replay.config, frame: frame, timeline: timeline, state: state, tickerRows: 3)
        #expect(sections.map(\.title) == ["Episode", "#3", "Events"])
        let episode = Dictionary(uniqueKeysWithValues: sections[0].rows.map { ($0.label, $0.value) })
        #expect(episode["Tick"] == "5 / 24" && episode["Players"] == "\(timeline.playersAlive[5]) / 16" && episode["NPCs"] == "4 / 4")
        let agent = Dictionary(uniqueKeysWithValues: sections[1].rows.map { ($0.label, $0) })
        #expect(agent["Health"]?.value == "\(frame.entities[2].health)" && agent["Health"]?.meter != nil)
        #expect(agent["Team"]?.value == "\(frame.entities[2].team)")
        for missing in ["Level", "Gold", "Skills", "Equip", "Items", "Task"] {
            #expect(agent[missing]?.value == InfoPanel.missing)
        }
        #expect(sections[2].rows.count == 3 && sections[2].rows[0].value.hasPrefix("t5 "))
        #expect(sections[2].rows.contains { $0.value == "t5 #-3 hits #1 melee" })
    }

    @Test func panelShowsRecordedDetailsWithItemIcons() throws {
        let replay = try Self.replay.get()
        let timeline = ReplayTimeline(replay: replay)
        var state = ViewerState(tickCount: replay.tickCount, mapSize: 64, playableSide: 33, layout: FrameLayout(width: 800, height: 600))
        state.select(2)
        var frame = replay.frame(at: 0)
        let columns = ReplayDetails.columnCount(inventorySlots: 2)
        var values = [Int32](repeating: 0, count: replay.slotCount * columns)
        var slot2 = [Int32](repeating: 0, count: columns)
        slot2[0] = 7
        slot2[1] = 3
        for skill in 0..<Skill.count { slot2[2 + skill] = Int32(skill + 1) }
        let equipmentStart = 2 + 2 * Skill.count
        for equipment in 0..<EquipmentSlot.count { slot2[equipmentStart + equipment] = -1 }
        slot2[equipmentStart + EquipmentSlot.held.rawValue] = 0
        let items = equipmentStart + EquipmentSlot.count
        slot2.replaceSubrange(items..<(items + 8), with: [Int32(ItemKind.spear.rawValue), 2, 1, 0, Int32(ItemKind.ration.rawValue), 1, 3, 0])
        values.replaceSubrange((2 * columns)..<(3 * columns), with: slot2)
        frame.details = ReplayDetails(inventorySlots: 2, values: values)

        let rows = InfoPanel.sections(config: replay.config, frame: frame, timeline: timeline, state: state, tickerRows: 0)[1].rows
        let shown = rows.map { "\($0.label)|\($0.value)|\($0.icons.map { "\($0)" }.joined(separator: ","))" }
        #expect(Array(shown.drop { !$0.hasPrefix("Level") }) == [
            "Level|3|", "Gold|7|", "Skills|mele 1 rang 2|", "|mage 3 fish 4|", "|herb 5 pros 6|", "|carv 7 alch 8|",
            "Equip||spear L2", "Items||spear L2,ration L1 x3", "Task|-|",
        ])
        let commands = SceneBuilder(replay: replay, timeline: timeline).build(frame: frame, state: state)
        let icons = commands.filter { if case .sprite(ArtAtlas.icon(.ration), _, _) = $0 { return true } else { return false } }
        #expect(icons.count == 1, "the ration is drawn once, in the inventory row")
        let badges = commands.filter {
            if case .fill(let rect, Palette.panel) = $0 { return rect.height == ArtAtlas.glyphHeight + 2 } else { return false }
        }
        #expect(badges.count == 4, "a level badge on both spears and the ration, a quantity badge on the ration only")
    }

    @Test func deathFogExtentFollowsTheFogRules() {
        var config = Config.small
        #expect(DeathFogExtent.at(tick: 500, config: config) == nil, "off by default")
        config.deathFog.enabled = true
        config.deathFog.onset = 10
        config.deathFog.speed = 0.5
        #expect(DeathFogExtent.at(tick: 9, config: config) == nil)
        #expect(DeathFogExtent.at(tick: 10, config: config)?.clearRadius == 15, "front 0.5 deep: the ring at distance 16 is fogged")
        #expect(DeathFogExtent.at(tick: 11, config: config)?.clearRadius == 15)
        #expect(DeathFogExtent.at(tick: 12, config: config)?.clearRadius == 14)
        #expect(DeathFogExtent.at(tick: 1000, config: config)?.clearRadius == config.deathFog.safeRadius)
        let fog = DeathFogExtent(clearRadius: 14)
        let rects = fog.fogRectangles(mapSize: 64, middle: 32)
        let fogged = rects.map { $0.width * $0.height }.reduce(0, +)
        #expect(fogged == 64 * 64 - 29 * 29)
    }

    @Test func eventTextNamesPlayersAndNPCs() {
        #expect(EventText.name(ofSlot: 0, playerCount: 16) == "#1")
        #expect(EventText.name(ofSlot: 17, playerCount: 16) == "#-2")
        #expect(EventText.describe(Event(tick: 3, kind: .death, entity: 4, type: DeathCause.deathFog.rawValue), playerCount: 16) == "#5 died: fog")
        #expect(EventText.describe(Event(tick: 3, kind: .scoreHit, entity: 1, type: 2, target: 0), playerCount: 16) == "#2 hits #1 magic")
        #expect(EventText.describe(Event(tick: 3, kind: .eatFood, entity: 1), playerCount: 16) == "#2 EAT_FOOD")
    }
}
