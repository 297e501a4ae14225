/// Working space of the systems, allocated once per world so that no tick allocates.
final class WorldScratch {
    /// A permutation of player slots (market buyer order).
    let playerOrder: FixedArray<Int32>
    /// Inventory rows (loot shuffling).
    let rows: FixedArray<Int32>
    /// Breadth-first search of NPC pursuit: parent step per window tile, and the queue.
    let searchFirstStep: FixedArray<Int8>
    let searchQueue: FixedArray<Int32>
    /// Living players per square cell of `1 << playerCellShift` tiles, counted at the start of NPC
    /// behaviour: a hostile NPC with no player in the cells around it skips its search.
    let playerCells: FixedArray<Int32>
    /// Cells per side of `playerCells`.
    let playerCellsPerSide: Int

    /// Side of a `playerCells` cell, in tiles.
    static let playerCellShift = 3

    init(config: Config) {
        let players = config.players.count
        playerOrder = FixedArray(repeating: 0, count: players)
        rows = FixedArray(repeating: 0, count: config.items.inventorySize)
        let side = 2 * config.npcs.sightRange + 1
        searchFirstStep = FixedArray(repeating: -1, count: side * side)
        searchQueue = FixedArray(repeating: 0, count: side * side)
        playerCellsPerSide = (config.map.size + (1 << Self.playerCellShift) - 1) >> Self.playerCellShift
        playerCells = FixedArray(repeating: 0, count: playerCellsPerSide * playerCellsPerSide)
    }

    deinit {
        playerOrder.deallocate()
        rows.deallocate()
        searchFirstStep.deallocate()
        searchQueue.deallocate()
        playerCells.deallocate()
    }
}
