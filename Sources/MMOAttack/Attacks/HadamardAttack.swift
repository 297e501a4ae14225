import MMONet

/// The no-access attack: the agent at place i of its team's attacked set M gets the fixed
/// direction epsilon x row i of a Sylvester Hadamard matrix (entries +-1, rows orthogonal), so
/// teammates are pushed in orthogonal directions, the same at every step. The matrix has the
/// largest power-of-two size strictly below the vector's width; coordinates past it stay clean.
/// Tiles: agent i flips the k tiles at places i*k..<(i+1)*k of a fixed permutation of the window
/// (disjoint between teammates), each one step forward or back along the material cycle as the
/// sign of H[i, tile] says. Threat model: no access; it reads nothing of the observations.
public final class HadamardAttack: ObservationAttack {
    public let seed: UInt64
    public let name: String
    private var tileOrder: [Int] = []

    public init(seed: UInt64, name: String = "hadamard") {
        self.seed = seed
        self.name = name
    }

    public func perturb(_ frame: AttackFrame) {
        let width = frame.width, order = HadamardMatrix.order(below: width)
        if tileOrder.count != frame.tiles {
            tileOrder = Array(0..<frame.tiles)
            var random = NetRandom(seed: seed ^ 0x4ADA_3A4D)
            random.shuffle(&tileOrder)
        }
        let k = min(frame.budget.tileFlips, frame.tiles)
        for index in 0..<frame.attackedCount {
            let agent = Int(frame.attacked[index])
            let row = Int(frame.targets.slotInGroup[agent])
            let x = frame.clean + agent * width, y = frame.perturbed + agent * width
            for c in 0..<order {
                y[c] = x[c] + HadamardMatrix.entry(row: row, column: c) * frame.surface.radius(c, epsilon: frame.budget.epsilon)
            }
            for place in 0..<k where row * k + place < frame.tiles {
                let tile = tileOrder[row * k + place]
                TileFlips.shift(agent: agent, tile: tile, steps: Int(HadamardMatrix.entry(row: row, column: tile)), frame: frame)
            }
        }
    }
}

/// Entries of the Sylvester Hadamard matrix H_{2^n}: H[i, j] = (-1)^popcount(i & j).
public enum HadamardMatrix {
    @inline(__always) public static func entry(row: Int, column: Int) -> Float {
        (row & column).nonzeroBitCount & 1 == 0 ? 1 : -1
    }

    /// The largest power of two strictly below `width` (1 for width <= 2).
    public static func order(below width: Int) -> Int {
        var order = 1
        while order * 2 < width { order *= 2 }
        return order
    }
}
