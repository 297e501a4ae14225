import MMOCore
import Testing
@testable import MMOEnv

/// The layout built from the heads' rules is the public interface it was before the heads became
/// records, and every head's "nothing" option is legal in every situation.
struct ActionHeadRulesTests {
    /// Names, sizes, mask offsets, "nothing" options and a digest of the option names (FNV-1a over
    /// the names joined by newlines) of the default config, as `gridmmo env layout` printed them
    /// before the heads became records.
    @Test func defaultLayoutIsPinned() {
        let pinned: [(name: String, size: Int, maskOffset: Int, nothing: Int32, optionsDigest: UInt64)] = [
            ("move", 5, 0, 4, 0xecab_7f31_acda_1da6),
            ("attack_style", 3, 5, 0, 0x2379_aa62_7f5f_e140),
            ("attack_target", 17, 8, 16, 0x60df_68f9_daee_8ba3),
            ("use", 13, 25, 12, 0xfc82_d3a8_ded4_4e8d),
            ("destroy", 13, 38, 12, 0xfc82_d3a8_ded4_4e8d),
            ("give_item", 13, 51, 12, 0xfc82_d3a8_ded4_4e8d),
            ("give_target", 17, 64, 16, 0x60df_68f9_daee_8ba3),
            ("sell_item", 13, 81, 12, 0xfc82_d3a8_ded4_4e8d),
            ("sell_price", 100, 94, 0, 0xbf7d_84fd_83a4_526d),
            ("buy", 161, 194, 160, 0xf674_8e37_4c3b_0315),
            ("give_gold_amount", 100, 355, 0, 0xaecc_5889_be1b_246e),
            ("give_gold_target", 17, 455, 16, 0x60df_68f9_daee_8ba3),
            ("comm", 128, 472, 0, 0x4c6c_cadc_a71c_414e),
        ]
        let layout = ActionLayout(config: .default)
        #expect(layout.maskWidth == 600 && layout.headCount == pinned.count && ActionHeadKind.allCases.count == pinned.count)
        for (head, pin) in zip(layout.heads, pinned) {
            let digest = Array(head.options.joined(separator: "\n").utf8).withUnsafeBytes { FNV1a.hash($0) }
            #expect(head.name == pin.name && head.size == pin.size && head.maskOffset == pin.maskOffset, "\(head.name)")
            #expect(head.nothing == pin.nothing && digest == pin.optionsDigest, "\(head.name)")
        }
        for kind in ActionHeadKind.allCases {
            #expect(layout.headIndex(named: kind.rules.name) == kind.rawValue && layout[kind].name == kind.rules.name)
        }
    }

    /// A dead agent's template allows exactly the "nothing" options; a living agent's templates
    /// (in and out of combat) allow every head's "nothing" but `attack_target`'s "none", which is
    /// legal only when no target is and so is written per state (`MaskLegalityTests` checks it).
    @Test(arguments: [("default", Config.default), ("competition2023", Config.competition2023), ("market off", Self.marketOff)])
    func nothingIsLegalInEverySituation(name: String, config: Config) {
        let layout = ActionLayout(config: config)
        let heads = HeadOffsets(layout)
        let templates = MaskTemplates(heads: heads, width: layout.maskWidth, config: config)
        defer {
            templates.deallocate()
            heads.deallocate()
        }
        let nothings = Set(ActionHeadKind.allCases.map { layout[$0].maskOffset + Int(layout[$0].nothing) })
        #expect(Set(templates.dead.array.indices.filter { templates.dead[$0] != 0 }) == nothings, "\(name)")
        for kind in ActionHeadKind.allCases {
            let head = layout[kind]
            #expect(head.options.indices.contains(Int(head.nothing)), "\(name) \(head.name)")
            for (inCombat, template) in [(true, templates.inCombat), (false, templates.outOfCombat)] {
                let nothingLegal = template[head.maskOffset + Int(head.nothing)] != 0
                #expect(nothingLegal == (kind != .attackTarget), "\(name) \(head.name) in combat: \(inCombat)")
            }
        }
    }

    private static let marketOff: Config = {
        var config = Config.small
        config.exchange.enabled = false
        config.comm.enabled = false
        return config
    }()
}
