import MMOCore

/// Turns a replay frame and the viewer state into the draw commands of one window frame: the map,
/// overlays (resources, death fog, vision), recent deaths, entities with health bars, attack lines,
/// then, with chrome, the side panel, the timeline and the help overlay.
public struct SceneBuilder {
    /// Ticks a gravestone stays on the map after a death.
    public static let deathMarkerTicks = 16
    /// Resource materials marked by the resources overlay.
    static let resources = Set([Material.foilage, .ore, .tree, .crystal, .herb, .fish].map(\.rawValue))

    public let replay: Replay
    public let timeline: ReplayTimeline

    public init(replay: Replay, timeline: ReplayTimeline) {
        self.replay = replay
        self.timeline = timeline
    }

    /// The commands of the frame; `caption` (contact-sheet cells) is printed in the map's corner.
    public func build(frame: ReplayFrame, state: ViewerState, caption: String? = nil) -> [DrawCommand] {
        let layout = state.layout
        var commands: [DrawCommand] = [.clip(nil), .fill(PixelRect(x: 0, y: 0, width: layout.width, height: layout.height), Palette.background)]
        drawMap(frame: frame, state: state, into: &commands)
        if let caption {
            commands.append(.fill(PixelRect(x: 0, y: 0, width: TextLayout.width(of: caption, scale: 2) + 8, height: TextLayout.lineHeight(scale: 2) + 4), Palette.helpBackdrop))
            TextLayout.draw(caption, x: 4, y: 4, scale: 2, color: Palette.text, into: &commands)
        }
        if layout.panel.width > 0 {
            drawPanel(frame: frame, state: state, into: &commands)
            drawTimeline(state: state, into: &commands)
        }
        if state.showingHelp {
            drawHelp(layout: layout, into: &commands)
        }
        return commands
    }

    // MARK: Map

    private func drawMap(frame: ReplayFrame, state: ViewerState, into commands: inout [DrawCommand]) {
        let viewport = state.layout.map
        let camera = state.camera
        let size = replay.map.size
        let tile = camera.tileSize
        let visible = camera.visibleTiles(in: viewport, mapSize: size)
        commands.append(.clip(viewport))
        if !visible.rows.isEmpty && !visible.cols.isEmpty {
            let corner = camera.rect(row: visible.rows.lowerBound, col: visible.cols.lowerBound, in: viewport)
            let tiles = PixelRect(x: visible.cols.lowerBound, y: visible.rows.lowerBound, width: visible.cols.count, height: visible.rows.count)
            commands.append(.map(tiles: tiles, x: corner.x, y: corner.y, tileSize: tile))
        }
        if state.overlays.contains(.resources) {
            let inset = max(tile / 4, 0)
            for row in visible.rows {
                for col in visible.cols where Self.resources.contains(frame.materials[row * size + col]) {
                    let rect = camera.rect(row: row, col: col, in: viewport)
                    commands.append(.outline(rect.inset(by: inset), Palette.resourceMarker))
                }
            }
        }
        if state.overlays.contains(.fog), let fog = DeathFogExtent.at(tick: frame.tick, config: replay.config) {
            let origin = camera.origin(in: viewport)
            for region in fog.fogRectangles(mapSize: size, middle: replay.config.map.middle) {
                commands.append(.fill(PixelRect(x: origin.x + region.x * tile, y: origin.y + region.y * tile, width: region.width * tile, height: region.height * tile), Palette.fog))
            }
        }
        if state.overlays.contains(.vision), let slot = state.selected, frame.entities.indices.contains(slot), frame.entities[slot].alive {
            let entity = frame.entities[slot]
            let radius = replay.config.observation.visionRadius
            let corner = camera.rect(row: Int(entity.row) - radius, col: Int(entity.col) - radius, in: viewport)
            let window = PixelRect(x: corner.x, y: corner.y, width: (2 * radius + 1) * tile, height: (2 * radius + 1) * tile)
            commands.append(.fill(window, Palette.vision.withAlpha(36)))
            commands.append(.outline(window, Palette.vision))
        }
        for death in timeline.recentDeaths(at: frame.tick, window: Self.deathMarkerTicks) {
            let age = frame.tick - death.tick
            let alpha = UInt8(255 - age * 160 / Self.deathMarkerTicks)
            let rect = camera.rect(row: death.row, col: death.col, in: viewport)
            if tile >= 8 {
                commands.append(.sprite(source: ArtAtlas.deathMarker, destination: rect, tint: Color(hex: 0xFFFFFF, alpha: alpha)))
            } else {
                commands.append(.fill(rect, Color(hex: 0xA8A8B0, alpha: alpha)))
            }
        }
        for slot in frame.entities.indices where frame.entities[slot].alive {
            drawEntity(frame.entities[slot], state: state, into: &commands)
        }
        if let slot = state.selected, frame.entities.indices.contains(slot) {
            let entity = frame.entities[slot]
            let rect = camera.rect(row: Int(entity.row), col: Int(entity.col), in: viewport)
            commands.append(.outline(PixelRect(x: rect.x - 2, y: rect.y - 2, width: rect.width + 4, height: rect.height + 4), Palette.selection))
        }
        for event in frame.events where event.kind == .scoreHit {
            let attacker = Int(event.entity), target = Int(event.target)
            guard frame.entities.indices.contains(attacker), frame.entities.indices.contains(target) else { continue }
            let from = camera.rect(row: Int(frame.entities[attacker].row), col: Int(frame.entities[attacker].col), in: viewport)
            let to = camera.rect(row: Int(frame.entities[target].row), col: Int(frame.entities[target].col), in: viewport)
            let color = Palette.attack(style: event.type)
            let half = tile / 2
            commands.append(.line(fromX: from.x + half, fromY: from.y + half, toX: to.x + half, toY: to.y + half, color))
            if tile >= 8 {
                commands.append(.line(fromX: from.x + half + 1, fromY: from.y + half, toX: to.x + half + 1, toY: to.y + half, color))
                commands.append(.fill(PixelRect(x: to.x + half - 2, y: to.y + half - 2, width: 4, height: 4), color))
            }
        }
        commands.append(.clip(nil))
    }

    private func drawEntity(_ entity: ReplayEntity, state: ViewerState, into commands: inout [DrawCommand]) {
        let tile = state.camera.tileSize
        let rect = state.camera.rect(row: Int(entity.row), col: Int(entity.col), in: state.layout.map)
        let tint = entity.kind == .player ? Palette.player(team: entity.team, teamColors: state.overlays.contains(.teamColors)) : Color(hex: 0xFFFFFF)
        if tile >= 8, let sprite = ArtAtlas.sprite(entity.kind) {
            commands.append(.sprite(source: sprite, destination: rect, tint: tint))
        } else {
            let marker = entity.kind == .player ? tint : Palette.marker(entity.kind)
            commands.append(.fill(rect, Color(hex: 0x101018)))
            commands.append(.fill(rect.inset(by: tile >= 4 ? 1 : 0), marker))
        }
        guard tile >= 4 else { return }
        let maximum = replay.config.vitals.maxHealth
        let barHeight = max(tile / 8, 1)
        let bar = PixelRect(x: rect.x, y: rect.y - barHeight - (tile >= 8 ? 1 : 0), width: tile, height: barHeight)
        let filled = min(max(Int(entity.health) * tile / max(maximum, 1), 0), tile)
        commands.append(.fill(bar, Palette.healthLost))
        if filled > 0 {
            commands.append(.fill(PixelRect(x: bar.x, y: bar.y, width: filled, height: barHeight), Palette.health))
        }
    }

    // MARK: Panel and timeline

    private func drawPanel(frame: ReplayFrame, state: ViewerState, into commands: inout [DrawCommand]) {
        let panel = state.layout.panel
        let scale = FrameLayout.textScale
        let line = TextLayout.lineHeight(scale: scale)
        commands.append(.fill(panel, Palette.panel))
        commands.append(.fill(PixelRect(x: panel.x, y: panel.y, width: 1, height: panel.height), Palette.panelRule))
        let left = panel.x + InfoPanel.margin
        let width = panel.width - 2 * InfoPanel.margin
        let labelWidth = InfoPanel.labelColumns * ArtAtlas.glyphWidth * scale
        var y = panel.y + 8
        let sections = InfoPanel.sections(config: replay.config, frame: frame, timeline: timeline, state: state, tickerRows: panel.height / line)
        for section in sections {
            guard y + line <= panel.maxY else { break }
            TextLayout.draw(section.title, x: left, y: y, scale: scale, color: Palette.heading, maxWidth: width, into: &commands)
            y += line
            for row in section.rows {
                let rowHeight = row.icons.isEmpty ? line : 2 * ArtAtlas.cell + 2
                guard y + rowHeight <= panel.maxY else { break }
                TextLayout.draw(row.label, x: left, y: y, scale: scale, color: Palette.dimText, maxWidth: labelWidth, into: &commands)
                var valueX = row.wide ? left : left + labelWidth
                for icon in row.icons {
                    let side = 2 * ArtAtlas.cell
                    commands.append(.sprite(source: ArtAtlas.icon(icon.item), destination: PixelRect(x: valueX, y: y, width: side, height: side), tint: Color(hex: 0xFFFFFF)))
                    drawBadge(icon.levelText, x: valueX, y: y, into: &commands)
                    if let quantity = icon.quantityText {
                        let badgeWidth = TextLayout.width(of: quantity, scale: 1) + 2
                        drawBadge(quantity, x: valueX + side - badgeWidth, y: y + side - ArtAtlas.glyphHeight - 2, into: &commands)
                    }
                    valueX += side + 4
                }
                if let meter = row.meter {
                    let track = PixelRect(x: valueX, y: y + 2, width: width - labelWidth - 5 * ArtAtlas.glyphWidth * scale, height: ArtAtlas.glyphHeight * scale - 6)
                    commands.append(.fill(track, Palette.timelineTrack))
                    commands.append(.fill(PixelRect(x: track.x, y: track.y, width: Int((Double(track.width) * meter.fraction).rounded()), height: track.height), meter.color))
                    valueX = track.maxX + 6
                }
                TextLayout.draw(row.value, x: valueX, y: y, scale: scale, color: Palette.text, maxWidth: left + width - valueX, into: &commands)
                y += rowHeight
            }
            y += line / 2
        }
    }

    /// Small text at (`x`, `y`) on a dark backdrop, for an icon's level and quantity.
    private func drawBadge(_ text: String, x: Int, y: Int, into commands: inout [DrawCommand]) {
        commands.append(.fill(PixelRect(x: x, y: y, width: TextLayout.width(of: text, scale: 1) + 2, height: ArtAtlas.glyphHeight + 2), Palette.panel))
        TextLayout.draw(text, x: x + 1, y: y + 1, scale: 1, color: Palette.text, into: &commands)
    }

    private func drawTimeline(state: ViewerState, into commands: inout [DrawCommand]) {
        let layout = state.layout
        let track = layout.timelineTrack
        commands.append(.fill(layout.timeline, Palette.panel))
        commands.append(.fill(track, Palette.timelineTrack))
        let count = state.tickCount
        var runStart = track.x
        var runTop = curveTop(atX: track.x, layout: layout, tickCount: count)
        for x in (track.x + 1)...track.maxX {
            let top = x < track.maxX ? curveTop(atX: x, layout: layout, tickCount: count) : -1
            guard top != runTop else { continue }
            commands.append(.fill(PixelRect(x: runStart, y: runTop, width: x - runStart, height: track.maxY - runTop), Palette.timelineCurve))
            runStart = x
            runTop = top
        }
        for tick in stride(from: 0, to: count, by: ReplayFormat.keyframeInterval) {
            let x = layout.timelineX(ofTick: tick, tickCount: count)
            commands.append(.fill(PixelRect(x: x, y: track.maxY - 3, width: 1, height: 3), Palette.dimText))
        }
        let playhead = layout.timelineX(ofTick: state.tick, tickCount: count)
        commands.append(.fill(PixelRect(x: playhead - 1, y: layout.timeline.y + 2, width: 3, height: layout.timeline.height - 4), Palette.playhead))
    }

    /// Top of the population area at timeline position `x`.
    private func curveTop(atX x: Int, layout: FrameLayout, tickCount: Int) -> Int {
        let track = layout.timelineTrack
        let alive = timeline.playersAlive[layout.tick(atTimelineX: x, tickCount: tickCount)]
        return track.maxY - alive * (track.height - 2) / timeline.peakPlayers
    }

    private func drawHelp(layout: FrameLayout, into commands: inout [DrawCommand]) {
        let scale = FrameLayout.textScale
        let line = TextLayout.lineHeight(scale: scale)
        commands.append(.fill(PixelRect(x: 0, y: 0, width: layout.width, height: layout.height), Palette.helpBackdrop))
        var y = 16
        let x = 24
        TextLayout.draw("Keys (? to close)", x: x, y: y, scale: scale, color: Palette.heading, into: &commands)
        y += line
        let rows = KeyBinding.all.filter { !$0.label.isEmpty }.map { ($0.label, $0.help) } + KeyBinding.mouseHelp
        for (label, help) in rows where y + line <= layout.height - 40 {
            TextLayout.draw(label, x: x, y: y, scale: scale, color: Palette.text, into: &commands)
            TextLayout.draw(help, x: x + 10 * ArtAtlas.glyphWidth * scale, y: y, scale: scale, color: Palette.dimText, into: &commands)
            y += line
        }
        var iconX = x
        let iconY = layout.height - 36
        for kind in [EntityKind.player, .passiveNPC, .neutralNPC, .hostileNPC] {
            if let sprite = ArtAtlas.sprite(kind) {
                commands.append(.sprite(source: sprite, destination: PixelRect(x: iconX, y: iconY, width: 32, height: 32), tint: Color(hex: 0xFFFFFF)))
            }
            iconX += 36
        }
        iconX += 12
        for item in ItemIcon.allCases where iconX + 32 <= layout.width {
            commands.append(.sprite(source: ArtAtlas.icon(item), destination: PixelRect(x: iconX, y: iconY, width: 32, height: 32), tint: Color(hex: 0xFFFFFF)))
            iconX += 36
        }
    }
}
