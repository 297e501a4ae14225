/// The live tile layer of one environment: current materials (harvested tiles turn into their
/// depleted forms and grow back), the list of depleted tiles awaiting respawn, and per-tile
/// occupancy lists so that "who stands here" costs one load instead of a scan over all entities.
public final class TileState {
    /// Side of the square map.
    public let size: Int
    /// Current material raw value of every tile, row-major.
    public let materials: FixedArray<UInt8>
    /// 1 where an entity may stand: a passable material inside the playable square. Depletion
    /// never changes passability, so this layer is fixed for an episode. Everything outside the
    /// playable square reads 0, so nothing can reach the map's edge and neighbour lookups of a
    /// standing entity never leave the map.
    public let passable: FixedArray<UInt8>
    /// First entity slot standing on each tile, or -1; continued by `EntityTable.nextOnTile`.
    public let occupant: FixedArray<Int32>
    /// Tile indices currently in a depleted form, in the order they were depleted (respawn draws
    /// visit them in this order, which keeps respawn deterministic).
    public let depleted: FixedArray<Int32>
    /// Number of valid entries in `depleted`.
    public private(set) var depletedCount = 0

    /// The playable square: rows and columns `playable`.
    public let playable: ClosedRange<Int>

    public init(size: Int, playable: ClosedRange<Int>) {
        precondition(playable.lowerBound >= 1 && playable.upperBound <= size - 2, "the playable square must lie strictly inside the map")
        self.size = size
        self.playable = playable
        materials = FixedArray(repeating: 0, count: size * size)
        passable = FixedArray(repeating: 0, count: size * size)
        occupant = FixedArray(repeating: -1, count: size * size)
        depleted = FixedArray(repeating: 0, count: size * size)
    }

    deinit {
        materials.deallocate()
        passable.deallocate()
        occupant.deallocate()
        depleted.deallocate()
    }

    /// Starts an episode on `map`: copies its materials, clears occupancy and depletion.
    public func load(_ map: GameMap) {
        precondition(map.size == size, "map size \(map.size) does not match the world's \(size)")
        map.materials.withUnsafeBufferPointer { materials.copy(from: $0.baseAddress!) }
        passable.fill(0)
        for row in playable {
            for col in playable where Material.passable[Int(materials[row * size + col])] {
                passable[row * size + col] = 1
            }
        }
        occupant.fill(-1)
        depletedCount = 0
    }

    @inline(__always)
    public func index(row: Int, col: Int) -> Int { row * size + col }

    @inline(__always)
    public func material(row: Int, col: Int) -> Material {
        Material(rawValue: materials[row * size + col])!
    }

    /// Whether an entity may stand on the tile; tiles off the map are not passable.
    @inline(__always)
    public func isPassable(row: Int, col: Int) -> Bool {
        guard row >= 0, col >= 0, row < size, col < size else { return false }
        return passable[row * size + col] != 0
    }

    /// Turns a harvestable tile into its depleted form and queues it for respawn.
    public func deplete(index: Int) {
        guard let depletedForm = Material(rawValue: materials[index])?.depleted else { return }
        materials[index] = depletedForm.rawValue
        depleted[depletedCount] = Int32(index)
        depletedCount += 1
    }

    /// Removes entry `position` of the depleted list (the last entry takes its place).
    public func forgetDepleted(at position: Int) {
        depletedCount -= 1
        depleted[position] = depleted[depletedCount]
    }

    /// Puts an entity slot on a tile's occupancy list.
    @inline(__always)
    public func addOccupant(_ slot: Int, at index: Int, links: FixedArray<Int32>) {
        links[slot] = occupant[index]
        occupant[index] = Int32(slot)
    }

    /// Takes an entity slot off a tile's occupancy list.
    @inline(__always)
    public func removeOccupant(_ slot: Int, at index: Int, links: FixedArray<Int32>) {
        var current = occupant[index]
        if current == Int32(slot) {
            occupant[index] = links[slot]
        } else {
            while current >= 0 {
                let next = links[Int(current)]
                if next == Int32(slot) {
                    links[Int(current)] = links[slot]
                    break
                }
                current = next
            }
        }
        links[slot] = -1
    }
}
