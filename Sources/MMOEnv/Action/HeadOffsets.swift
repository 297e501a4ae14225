import MMOCore

/// Where each action head sits in a mask row, by `ActionHeadKind`, read once from the layout: what
/// the hot paths (mask writing and decoding) index, with no name lookups. The owner calls
/// `deallocate()` once.
struct HeadOffsets {
    /// One head: the offset of its options in a mask row, their number, and its "nothing" option.
    struct Head {
        let maskOffset: Int
        let size: Int
        let nothing: Int
    }

    private let heads: FixedArray<Head>

    init(_ layout: ActionLayout) {
        heads = FixedArray(repeating: Head(maskOffset: 0, size: 0, nothing: 0), count: ActionHeadKind.allCases.count)
        for kind in ActionHeadKind.allCases {
            let head = layout[kind]
            heads[kind.rawValue] = Head(maskOffset: head.maskOffset, size: head.size, nothing: Int(head.nothing))
        }
    }

    @inline(__always)
    subscript(kind: ActionHeadKind) -> Head { heads[kind.rawValue] }

    func deallocate() {
        heads.deallocate()
    }
}
