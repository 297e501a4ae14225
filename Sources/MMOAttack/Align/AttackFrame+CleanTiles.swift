extension AttackFrame {
    /// `agent`'s clean tile ids at this step: its copy in `cleanTiles` when it is attacked (its row
    /// of `features` may be perturbed), else its row of `features`.
    func cleanTileIDs(of agent: Int) -> UnsafePointer<Int32> {
        UnsafePointer(targets.isAttacked(agent) ? cleanTiles + agent * tiles : features.tileIDs + agent * tiles)
    }
}
