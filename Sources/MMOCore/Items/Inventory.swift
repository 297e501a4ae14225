/// Every player's items in flat columns: `slots` inventory slots per player, row `player * slots + i`.
///
/// The inventory slot is where an item lives; equipping marks it (`equipped`) and records the slot
/// in `equipment`, listing it on the market sets its `price`. An item therefore is always in exactly
/// one place, and moving it (give, buy, loot) copies its row to a free slot of the receiver and
/// clears the source. Each item carries a unique `id` for the lifetime of an episode.
public final class Inventory {
    public let players: Int
    /// Slots per player.
    public let slots: Int

    /// `ItemKind` raw value, 0 for an empty slot.
    public let kind: FixedArray<UInt8>
    public let level: FixedArray<Int32>
    /// Stack size: 1 for everything but ammunition.
    public let quantity: FixedArray<Int32>
    /// 1 while equipped.
    public let equipped: FixedArray<UInt8>
    /// Market price while listed, 0 when not listed.
    public let price: FixedArray<Int32>
    /// Last tick the listing is on the market.
    public let listedUntil: FixedArray<Int32>
    /// Unique id of the item (stays with it when it changes hands).
    public let itemID: FixedArray<Int32>
    /// Inventory slot equipped in each `EquipmentSlot`, or -1; row `player * 5 + slot`.
    public let equipment: FixedArray<Int32>
    /// The id the next new item gets.
    public private(set) var nextItemID: Int32 = 1
    /// Set whenever a listing appears, changes or disappears; `World.step` rebuilds the market
    /// board only then, and clears it.
    public var listingsChanged = true

    public init(players: Int, slots: Int) {
        self.players = players
        self.slots = slots
        let count = players * slots
        kind = FixedArray(repeating: 0, count: count)
        level = FixedArray(repeating: 0, count: count)
        quantity = FixedArray(repeating: 0, count: count)
        equipped = FixedArray(repeating: 0, count: count)
        price = FixedArray(repeating: 0, count: count)
        listedUntil = FixedArray(repeating: 0, count: count)
        itemID = FixedArray(repeating: 0, count: count)
        equipment = FixedArray(repeating: -1, count: players * EquipmentSlot.count)
    }

    deinit {
        kind.deallocate()
        level.deallocate()
        quantity.deallocate()
        equipped.deallocate()
        price.deallocate()
        listedUntil.deallocate()
        itemID.deallocate()
        equipment.deallocate()
    }

    /// Empties every inventory.
    public func clear() {
        kind.fill(0)
        level.fill(0)
        quantity.fill(0)
        equipped.fill(0)
        price.fill(0)
        listedUntil.fill(0)
        itemID.fill(0)
        equipment.fill(-1)
        nextItemID = 1
        listingsChanged = true
    }

    /// Row of `player`'s slot `slot`.
    @inline(__always)
    public func row(_ player: Int, _ slot: Int) -> Int { player * slots + slot }

    /// The kind in a row, or `nil` for an empty slot.
    @inline(__always)
    public func item(at row: Int) -> ItemKind? { ItemKind(rawValue: kind[row]) }

    /// Number of empty slots of `player`.
    public func freeSlots(of player: Int) -> Int {
        var free = 0
        for slot in 0..<slots where kind[row(player, slot)] == 0 { free += 1 }
        return free
    }

    /// The slot where an item of `kind` and `level` would go for `player`: the matching stack for
    /// ammunition, else the first empty slot; `nil` when there is no room.
    public func slotFor(_ itemKind: ItemKind, level itemLevel: Int32, player: Int) -> Int? {
        if itemKind.stacks {
            for slot in 0..<slots {
                let index = row(player, slot)
                if kind[index] == itemKind.rawValue && level[index] == itemLevel && price[index] == 0 { return slot }
            }
        }
        for slot in 0..<slots where kind[row(player, slot)] == 0 { return slot }
        return nil
    }

    /// Adds a new item (or quantity to an ammunition stack); returns the slot, or `nil` when full.
    @discardableResult
    public func add(_ itemKind: ItemKind, level itemLevel: Int32, quantity amount: Int32 = 1, to player: Int) -> Int? {
        guard let slot = slotFor(itemKind, level: itemLevel, player: player) else { return nil }
        let index = row(player, slot)
        if kind[index] != 0 {
            quantity[index] += amount
        } else {
            place(itemKind, level: itemLevel, quantity: amount, id: nextItemID, at: index)
            nextItemID += 1
        }
        return slot
    }

    /// Moves the item in `from` (a row) to `player`'s inventory, merging ammunition stacks; the item
    /// leaves unequipped and unlisted. Returns the new slot, or `nil` (nothing moved) when full.
    @discardableResult
    public func move(from source: Int, to player: Int) -> Int? {
        guard let itemKind = item(at: source) else { return nil }
        guard let slot = slotFor(itemKind, level: level[source], player: player) else { return nil }
        let target = row(player, slot)
        if kind[target] != 0 {
            quantity[target] += quantity[source]
        } else {
            place(itemKind, level: level[source], quantity: quantity[source], id: itemID[source], at: target)
        }
        remove(at: source)
        return slot
    }

    /// Empties a slot (unequipping it first).
    public func remove(at index: Int) {
        if equipped[index] != 0 { unequip(at: index) }
        if price[index] != 0 { listingsChanged = true }
        kind[index] = 0
        level[index] = 0
        quantity[index] = 0
        price[index] = 0
        listedUntil[index] = 0
        itemID[index] = 0
    }

    /// Equips the item in `index` into its equipment slot, unequipping whatever was there.
    public func equip(at index: Int) {
        guard let slot = item(at: index)?.equipmentSlot else { return }
        let player = index / slots
        let current = Int(equipment[player * EquipmentSlot.count + slot.rawValue])
        if current >= 0 { equipped[row(player, current)] = 0 }
        equipment[player * EquipmentSlot.count + slot.rawValue] = Int32(index - player * slots)
        equipped[index] = 1
    }

    /// Unequips the item in `index`.
    public func unequip(at index: Int) {
        guard let slot = item(at: index)?.equipmentSlot else { return }
        let player = index / slots
        equipment[player * EquipmentSlot.count + slot.rawValue] = -1
        equipped[index] = 0
    }

    /// The row equipped in `slot` by `player`, or `nil`.
    @inline(__always)
    public func equippedRow(_ player: Int, _ slot: EquipmentSlot) -> Int? {
        let inventorySlot = Int(equipment[player * EquipmentSlot.count + slot.rawValue])
        return inventorySlot >= 0 ? row(player, inventorySlot) : nil
    }

    /// Empties every slot of `player`.
    public func removeAll(of player: Int) {
        for slot in 0..<slots where kind[row(player, slot)] != 0 { remove(at: row(player, slot)) }
    }

    private func place(_ itemKind: ItemKind, level itemLevel: Int32, quantity amount: Int32, id: Int32, at index: Int) {
        kind[index] = itemKind.rawValue
        level[index] = itemLevel
        quantity[index] = amount
        equipped[index] = 0
        price[index] = 0
        listedUntil[index] = 0
        itemID[index] = id
    }

    /// Whether `player` holds any item: its slots' kinds read as 8-byte words, the last word
    /// overlapping the one before it when the slot count is not a multiple of eight.
    @inlinable @inline(__always)
    public func holdsAnything(_ player: Int) -> Bool {
        let kinds = UnsafeRawPointer(kind.base + player &* slots)
        guard slots >= 8 else {
            for offset in 0..<slots where kinds.load(fromByteOffset: offset, as: UInt8.self) != 0 { return true }
            return false
        }
        var any = kinds.loadUnaligned(fromByteOffset: slots &- 8, as: UInt64.self)
        var offset = 0
        while offset &+ 8 < slots {
            any |= kinds.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset &+= 8
        }
        return any != 0
    }

    /// The first listed row (price above 0) at or after `start`, or `players * slots` if none.
    /// Listings are few, so prices (never negative) are scanned eight at a time where possible, as
    /// four 8-byte words that are all zero when none of the eight is listed.
    @inline(__always)
    func nextListedRow(from start: Int) -> Int {
        let total = players * slots
        var row = start
        while row < total && row & 7 != 0 {
            if price[row] > 0 { return row }
            row += 1
        }
        let prices = UnsafeRawPointer(price.base)
        while row + 8 <= total {
            let words = prices + row * 4
            let listed = words.loadUnaligned(as: UInt64.self) | words.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                | words.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | words.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
            if listed != 0 { break }
            row += 8
        }
        while row < total {
            if price[row] > 0 { return row }
            row += 1
        }
        return total
    }
}
