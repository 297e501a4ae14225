import MMOCore

/// Scores the tile flips of one member by the increase of J they bring. A flip in summary block b
/// from material a to a' changes the member's summary by e = -1/9 at (b, a) and +1/9 at (b, a').
/// With r = prediction - summary of its own row and w = 1 / (living members x dimension), the change
/// of its own term w |r - e|^2 is exact: w (2/9 (r[b,a] - r[b,a']) + 2/81); the change of its
/// teammates' terms, where the summary is an input, is taken to first order: (g[b,a'] - g[b,a]) / 9
/// with g = d J / d input summary. After a flip `apply` updates r (the first-order part stays).
struct MisalignmentTileScores {
    static let materials = Material.count
    static let unit: Float = 1 / Float(AlignmentEncoding.blockSide * AlignmentEncoding.blockSide)
    /// [blocks, materials] r and g.
    let residual: UnsafeMutablePointer<Float>
    let inputGradient: UnsafePointer<Float>
    let weight: Float
    let blocks: Int
    /// Per block: the best and second-best flip material by `gainTo`.
    let bestTo: UnsafeMutablePointer<Int32>
    let secondTo: UnsafeMutablePointer<Int32>

    init(residual: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Float>, weight: Float, blocks: Int,
         bestTo: UnsafeMutablePointer<Int32>, secondTo: UnsafeMutablePointer<Int32>) {
        self.residual = residual
        self.inputGradient = UnsafePointer(inputGradient)
        self.weight = weight
        self.blocks = blocks
        self.bestTo = bestTo
        self.secondTo = secondTo
    }

    /// The part of a flip's gain owed to adding material `to` in `block`, and to removing `from`.
    @inline(__always) func gainTo(block: Int, _ to: Int) -> Float {
        let index = block * Self.materials + to
        return Self.unit * (inputGradient[index] - 2 * weight * residual[index])
    }

    @inline(__always) func gainFrom(block: Int, _ from: Int) -> Float {
        let index = block * Self.materials + from
        return Self.unit * (2 * weight * residual[index] - inputGradient[index])
    }

    /// Finds each block's two best materials to flip to (ties: the lower material).
    func rankTargets() {
        for block in 0..<blocks {
            var best = -1, second = -1
            for material in TileCode.flipMaterials {
                let gain = gainTo(block: block, material)
                if best < 0 || gain > gainTo(block: block, best) {
                    second = best
                    best = material
                } else if second < 0 || gain > gainTo(block: block, second) {
                    second = material
                }
            }
            bestTo[block] = Int32(best)
            secondTo[block] = Int32(second)
        }
    }

    /// The best flip of a tile of material `from` in `block` (after `rankTargets`): its gain and material.
    @inline(__always) func bestFlip(block: Int, from: Int) -> (gain: Float, material: Int) {
        let to = bestTo[block] != Int32(from) ? Int(bestTo[block]) : Int(secondTo[block])
        return (gainFrom(block: block, from) + gainTo(block: block, to) + 2 * weight * Self.unit * Self.unit, to)
    }

    /// Records a flip in `block` from `from` to `to`: the member's own residual moves by -e.
    func apply(block: Int, from: Int, to: Int) {
        residual[block * Self.materials + from] += Self.unit
        residual[block * Self.materials + to] -= Self.unit
    }
}
