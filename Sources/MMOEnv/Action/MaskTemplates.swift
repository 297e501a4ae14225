import MMOCore

/// The parts of a mask row that do not depend on the state, one row per situation, built once per
/// config from the heads' rules: every row starts as a copy of one of them and only the
/// state-dependent options are then written.
struct MaskTemplates {
    /// A dead agent: only the "nothing" option of every head.
    let dead: FixedArray<UInt8>
    /// A living agent in combat: every head's `alwaysLegal(inCombat: true)` options.
    let inCombat: FixedArray<UInt8>
    /// A living agent out of combat: every head's `alwaysLegal(inCombat: false)` options.
    let outOfCombat: FixedArray<UInt8>

    init(heads: HeadOffsets, width: Int, config: Config) {
        dead = FixedArray(repeating: 0, count: width)
        inCombat = FixedArray(repeating: 0, count: width)
        outOfCombat = FixedArray(repeating: 0, count: width)
        for kind in ActionHeadKind.allCases {
            let head = heads[kind]
            dead[head.maskOffset + head.nothing] = 1
            for option in kind.rules.alwaysLegal(inCombat: true, config: config) { inCombat[head.maskOffset + option] = 1 }
            for option in kind.rules.alwaysLegal(inCombat: false, config: config) { outOfCombat[head.maskOffset + option] = 1 }
        }
    }

    /// The owner calls this once.
    func deallocate() {
        dead.deallocate()
        inCombat.deallocate()
        outOfCombat.deallocate()
    }
}
