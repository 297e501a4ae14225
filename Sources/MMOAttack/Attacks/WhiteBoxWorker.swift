import MMOCore
import MMONet
import MMOTrain

/// One worker's buffers for the white-box attack, allocated once: a workspace and input gradients
/// for a pass, the gradient in the frame's vector layout for one row, and each tile's best flip.
final class WhiteBoxWorker: @unchecked Sendable {
    let workspace: PolicyWorkspace
    let gradients: FeatureGradients
    let width: Int
    let direction: UnsafeMutablePointer<Float>
    private let bestScore: UnsafeMutablePointer<Float>
    private let bestMaterial: UnsafeMutablePointer<Int32>

    init(network: PolicyNetwork, rows: Int, width: Int, tiles: Int) {
        workspace = PolicyWorkspace(network: network, capacity: rows)
        gradients = FeatureGradients(features: network.observation, capacity: rows)
        self.width = width
        direction = .zeroed(width)
        bestScore = .zeroed(tiles)
        bestMaterial = .zeroed(tiles)
    }

    deinit {
        direction.deallocate()
        bestScore.deallocate()
        bestMaterial.deallocate()
    }

    /// Makes the `count` tile flips of the workspace row `row` (agent `agent`) with the largest
    /// positive first-order increase of the loss, at most one per tile (ties: the lower tile, then
    /// the lower material), in the workspace row and the frame's tile ids.
    func flipTiles(row: Int, agent: Int, count: Int, frame: AttackFrame) {
        let tiles = frame.tiles, materials = Material.count
        let scores = gradients.tileScores + row * tiles * materials
        let ids = workspace.features.tileIDs + row * tiles, clean = frame.cleanTiles + agent * tiles
        for tile in 0..<tiles {
            bestScore[tile] = 0
            bestMaterial[tile] = -1
            let own = TileCode.material(clean[tile])
            for material in TileCode.flipMaterials where material != own && scores[tile * materials + material] > bestScore[tile] {
                bestScore[tile] = scores[tile * materials + material]
                bestMaterial[tile] = Int32(material)
            }
        }
        for _ in 0..<count {
            var chosen = -1
            for tile in 0..<tiles where bestMaterial[tile] >= 0 && (chosen < 0 || bestScore[tile] > bestScore[chosen]) { chosen = tile }
            guard chosen >= 0 else { return }
            let flipped = TileCode.with(material: Int(bestMaterial[chosen]), of: clean[chosen])
            ids[chosen] = flipped
            frame.features.tileIDs[agent * tiles + chosen] = flipped
            bestMaterial[chosen] = -1
        }
    }
}
