import MMOCore

/// The viewer's colours: teams, attack styles, meters and the interface.
public enum Palette {
    /// Team colours, by team index modulo the count.
    public static let teams: [Color] = [
        0xE6194B, 0x3CB44B, 0xFFE119, 0x4363D8, 0xF58231, 0x911EB4, 0x46F0F0, 0xF032E6,
        0xBCF60C, 0xFABEBE, 0x008080, 0xE6BEFF, 0x9A6324, 0xFFFAC8, 0x800000, 0xAAFFC3,
    ].map { Color(hex: $0) }
    /// Players without a team, or with team colours off.
    public static let teamless = Color(hex: 0xF4F4F4)

    /// The colour of a player of `team` (-1: none).
    public static func player(team: Int32, teamColors: Bool) -> Color {
        guard teamColors, team >= 0 else { return teamless }
        return teams[Int(team) % teams.count]
    }

    /// Entities at tile sizes too small for sprites.
    public static func marker(_ kind: EntityKind) -> Color {
        switch kind {
        case .empty, .player: return teamless
        case .passiveNPC: return Color(hex: 0xF2F0E6)
        case .neutralNPC: return Color(hex: 0xB07A44)
        case .hostileNPC: return Color(hex: 0xE0302C)
        }
    }

    /// Attack lines by style (the SCORE_HIT event's `type`: 0 melee, 1 range, 2 magic).
    public static func attack(style: Int16) -> Color {
        switch style {
        case 0: return Color(hex: 0xFF4040)
        case 1: return Color(hex: 0x50E050)
        case 2: return Color(hex: 0x6AA8FF)
        default: return Color(hex: 0xFFFFFF)
        }
    }

    /// Name of an attack style, for the ticker.
    public static func attackName(style: Int16) -> String {
        switch style {
        case 0: return "melee"
        case 1: return "range"
        case 2: return "magic"
        default: return "style \(style)"
        }
    }

    public static let health = Color(hex: 0x4CD05A)
    public static let healthLost = Color(hex: 0x8A1E1E)
    public static let food = Color(hex: 0xE8A040)
    public static let water = Color(hex: 0x4A9CF0)
    public static let fog = Color(hex: 0x3A1850, alpha: 120)
    public static let vision = Color(hex: 0xFFF3A0)
    public static let selection = Color(hex: 0xFFFFFF)
    public static let resourceMarker = Color(hex: 0xFFE040)

    public static let background = Color(hex: 0x14141C)
    public static let panel = Color(hex: 0x20202C)
    public static let panelRule = Color(hex: 0x3A3A4C)
    public static let text = Color(hex: 0xE8E8F0)
    public static let dimText = Color(hex: 0x9090A8)
    public static let heading = Color(hex: 0xFFD470)
    public static let timelineTrack = Color(hex: 0x2C2C3C)
    public static let timelineCurve = Color(hex: 0x5A8AD8)
    public static let playhead = Color(hex: 0xFFD470)
    public static let helpBackdrop = Color(hex: 0x000000, alpha: 200)
}
