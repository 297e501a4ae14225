/// The change mask of an entity entry in a delta record: which fields of the slot changed since
/// the previous tick (bit values are part of the format, see `ReplayFormat`).
struct EntityChange: OptionSet {
    let rawValue: UInt8

    static let row = EntityChange(rawValue: 1 << 0)
    static let col = EntityChange(rawValue: 1 << 1)
    static let health = EntityChange(rawValue: 1 << 2)
    static let food = EntityChange(rawValue: 1 << 3)
    static let water = EntityChange(rawValue: 1 << 4)
    static let alive = EntityChange(rawValue: 1 << 5)
    static let kind = EntityChange(rawValue: 1 << 6)
    static let team = EntityChange(rawValue: 1 << 7)

    /// The fields in which `new` differs from `old`.
    init(from old: ReplayEntity, to new: ReplayEntity) {
        var mask: EntityChange = []
        if new.row != old.row { mask.insert(.row) }
        if new.col != old.col { mask.insert(.col) }
        if new.health != old.health { mask.insert(.health) }
        if new.food != old.food { mask.insert(.food) }
        if new.water != old.water { mask.insert(.water) }
        if new.alive != old.alive { mask.insert(.alive) }
        if new.kind != old.kind { mask.insert(.kind) }
        if new.team != old.team { mask.insert(.team) }
        self = mask
    }

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }
}
