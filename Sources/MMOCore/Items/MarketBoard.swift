/// The market as buyers see it: listed items grouped by market entry (item kind and level),
/// cheapest first (ties: lower inventory row, i.e. lower seller slot), with each entry's best price
/// and number of listings. Rebuilt from the inventories whenever listings may have changed, with a
/// counting sort into preallocated arrays.
public final class MarketBoard {
    /// Item levels the market distinguishes (1...10).
    public static let levels = 10
    /// Number of market entries: every (kind, level).
    public static let entryCount = ItemKind.count * levels

    /// Entry index of an item kind and level (level clamped to 1...10).
    @inline(__always)
    public static func entry(kind: ItemKind, level: Int32) -> Int {
        kind.index * levels + Int(min(max(level, 1), Int32(levels))) - 1
    }

    /// Kind and level of an entry index.
    public static func item(ofEntry entry: Int) -> (kind: ItemKind, level: Int32) {
        (ItemKind(rawValue: UInt8(entry / levels) + ItemKind.firstID)!, Int32(entry % levels + 1))
    }

    /// Cheapest price per entry, 0 when nothing is listed.
    public let bestPrice: FixedArray<Int32>
    /// Listings per entry.
    public let listingCount: FixedArray<Int32>
    /// Per entry, the seller (player slot) of the cheapest listing, -1 when nothing is listed.
    public let cheapestSeller: FixedArray<Int32>
    /// Per entry, the price of the cheapest listing by anyone but `cheapestSeller`, 0 when there
    /// is none: what that seller would pay, since buyers skip their own listings.
    public let cheapestOtherPrice: FixedArray<Int32>
    /// Listed inventory rows grouped by entry, cheapest first; entry e is
    /// `rows[entryStart[e]..<entryStart[e + 1]]`.
    public let rows: FixedArray<Int32>
    public let entryStart: FixedArray<Int32>
    private let cursor: FixedArray<Int32>

    public init(inventoryRows: Int) {
        bestPrice = FixedArray(repeating: 0, count: Self.entryCount)
        listingCount = FixedArray(repeating: 0, count: Self.entryCount)
        cheapestSeller = FixedArray(repeating: -1, count: Self.entryCount)
        cheapestOtherPrice = FixedArray(repeating: 0, count: Self.entryCount)
        rows = FixedArray(repeating: 0, count: inventoryRows)
        entryStart = FixedArray(repeating: 0, count: Self.entryCount + 1)
        cursor = FixedArray(repeating: 0, count: Self.entryCount + 1)
    }

    deinit {
        bestPrice.deallocate()
        listingCount.deallocate()
        cheapestSeller.deallocate()
        cheapestOtherPrice.deallocate()
        rows.deallocate()
        entryStart.deallocate()
        cursor.deallocate()
    }

    /// Re-reads every listing from `inventory`.
    public func rebuild(from inventory: Inventory) {
        listingCount.fill(0)
        let total = inventory.players * inventory.slots
        var row = inventory.nextListedRow(from: 0)
        while row < total {
            listingCount[Self.entry(kind: inventory.item(at: row)!, level: inventory.level[row])] += 1
            row = inventory.nextListedRow(from: row + 1)
        }
        entryStart[0] = 0
        for entry in 0..<Self.entryCount { entryStart[entry + 1] = entryStart[entry] + listingCount[entry] }
        // Place rows in row order (cursor: each entry's next free position), then insertion-sort
        // each entry's short group by price; the sort is stable, so ties keep row order.
        cursor.copy(from: entryStart.base)
        row = inventory.nextListedRow(from: 0)
        while row < total {
            let entry = Self.entry(kind: inventory.item(at: row)!, level: inventory.level[row])
            rows[Int(cursor[entry])] = Int32(row)
            cursor[entry] += 1
            row = inventory.nextListedRow(from: row + 1)
        }
        for entry in 0..<Self.entryCount {
            let start = Int(entryStart[entry]), end = Int(entryStart[entry + 1])
            if end - start > 1 {
                for position in start + 1..<end {
                    let row = rows[position]
                    var slot = position
                    while slot > start && inventory.price[Int(rows[slot - 1])] > inventory.price[Int(row)] {
                        rows[slot] = rows[slot - 1]
                        slot -= 1
                    }
                    rows[slot] = row
                }
            }
            bestPrice[entry] = end > start ? inventory.price[Int(rows[start])] : 0
            let seller = end > start ? Int32(Int(rows[start]) / inventory.slots) : -1
            cheapestSeller[entry] = seller
            cheapestOtherPrice[entry] = 0
            for position in start..<end where Int32(Int(rows[position]) / inventory.slots) != seller {
                cheapestOtherPrice[entry] = inventory.price[Int(rows[position])]
                break
            }
        }
    }
}
