import MMOCore

/// Short descriptions of events for the ticker, with entities named by their reference ids
/// (players `#1`... in slot order, NPCs `#-1`...).
public enum EventText {
    /// The name of an entity slot.
    public static func name(ofSlot slot: Int32, playerCount: Int) -> String {
        slot < Int32(playerCount) ? "#\(slot + 1)" : "#-\(Int(slot) - playerCount + 1)"
    }

    /// One line about `event`.
    public static func describe(_ event: Event, playerCount: Int) -> String {
        let who = name(ofSlot: event.entity, playerCount: playerCount)
        switch event.kind {
        case .scoreHit:
            return "\(who) hits \(name(ofSlot: event.target, playerCount: playerCount)) \(Palette.attackName(style: event.type))"
        case .death:
            let cause: String
            switch DeathCause(rawValue: event.type) {
            case .starvation: cause = "starved"
            case .deathFog: cause = "fog"
            case .combat: cause = "killed"
            case nil: cause = "died"
            }
            return "\(who) died: \(cause)"
        case .goFarthest:
            return "\(who) farthest \(event.number)"
        default:
            return "\(who) \(event.kind.name)"
        }
    }
}
