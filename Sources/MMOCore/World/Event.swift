/// What happened: the Neural MMO event codes (`nmmo/lib/event_code.py`), plus GridMMO's own
/// codes from 100 up. Later systems add their events here; the task system counts them.
public enum EventKind: UInt8, CaseIterable, Sendable {
    case eatFood = 1
    case drinkWater = 2
    case goFarthest = 3
    case seizeTile = 4
    case scoreHit = 11
    case playerKill = 12
    case fireAmmo = 13
    case consumeItem = 21
    case giveItem = 22
    case destroyItem = 23
    case harvestItem = 24
    case equipItem = 25
    case lootItem = 26
    case giveGold = 31
    case listItem = 32
    case earnGold = 33
    case buyItem = 34
    case lootGold = 35
    case levelUp = 41
    case agentCulled = 91
    /// GridMMO: an entity appeared (`number` = 1 for a resilient player).
    case spawn = 100
    /// GridMMO: an entity died; `type` says why (`DeathCause`), `target` is the killer's slot or -1.
    case death = 101

    /// Upper-case reference name, as in `nmmo.lib.event_code.EventCode`.
    public var name: String {
        switch self {
        case .eatFood: return "EAT_FOOD"
        case .drinkWater: return "DRINK_WATER"
        case .goFarthest: return "GO_FARTHEST"
        case .seizeTile: return "SEIZE_TILE"
        case .scoreHit: return "SCORE_HIT"
        case .playerKill: return "PLAYER_KILL"
        case .fireAmmo: return "FIRE_AMMO"
        case .consumeItem: return "CONSUME_ITEM"
        case .giveItem: return "GIVE_ITEM"
        case .destroyItem: return "DESTROY_ITEM"
        case .harvestItem: return "HARVEST_ITEM"
        case .equipItem: return "EQUIP_ITEM"
        case .lootItem: return "LOOT_ITEM"
        case .giveGold: return "GIVE_GOLD"
        case .listItem: return "LIST_ITEM"
        case .earnGold: return "EARN_GOLD"
        case .buyItem: return "BUY_ITEM"
        case .lootGold: return "LOOT_GOLD"
        case .levelUp: return "LEVEL_UP"
        case .agentCulled: return "AGENT_CULLED"
        case .spawn: return "SPAWN"
        case .death: return "DEATH"
        }
    }
}

/// Why an entity died (the `type` field of a `.death` event).
public enum DeathCause: Int16, Sendable {
    case starvation = 1
    case deathFog = 2
    case combat = 3
}

/// One typed event, with the columns of the reference event log: who (`entity`, a slot), when,
/// what, and the event's arguments (`type`, `level`, `number`, `gold`, `target`), whose meaning
/// depends on the kind (for GO_FARTHEST `number` is the new farthest distance; for EAT_FOOD the
/// tile's `row`/`col` are in `type`/`level`).
public struct Event: Sendable, Equatable {
    public var tick: Int32
    public var kind: EventKind
    public var entity: Int32
    public var type: Int16
    public var level: Int16
    public var number: Int32
    public var gold: Int32
    public var target: Int32

    public init(tick: Int32, kind: EventKind, entity: Int32, type: Int16 = 0, level: Int16 = 0, number: Int32 = 0, gold: Int32 = 0, target: Int32 = -1) {
        self.tick = tick
        self.kind = kind
        self.entity = entity
        self.type = type
        self.level = level
        self.number = number
        self.gold = gold
        self.target = target
    }
}
