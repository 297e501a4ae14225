/// One agent's action row, read head by head against its mask row. A choice that is out of range
/// or masked out is illegal: it is counted and acts as "nothing". Every head's choice must be read
/// exactly once per decode (a pair's second head reads both), so each illegal head counts once.
struct ActionChoices {
    private let actions: UnsafePointer<Int32>
    private let mask: UnsafePointer<UInt8>
    private let heads: HeadOffsets
    /// Heads read so far whose choice was illegal.
    private(set) var illegal = 0

    init(actions: UnsafePointer<Int32>, mask: UnsafePointer<UInt8>, heads: HeadOffsets) {
        self.actions = actions
        self.mask = mask
        self.heads = heads
    }

    /// The option chosen on `kind` if it is legal, else nil (and counted).
    @inline(__always)
    mutating func legal(_ kind: ActionHeadKind) -> Int? {
        let head = heads[kind]
        let option = Int(actions[kind.rawValue])
        // One unsigned comparison checks both ends of the range.
        guard UInt(bitPattern: option) < UInt(bitPattern: head.size), mask[head.maskOffset &+ option] != 0 else {
            illegal += 1
            return nil
        }
        return option
    }

    /// The option chosen on `kind` if it is legal and not the head's "nothing", else nil (an
    /// illegal choice is counted).
    @inline(__always)
    mutating func acting(_ kind: ActionHeadKind) -> Int? {
        guard let option = legal(kind), option != heads[kind].nothing else { return nil }
        return option
    }

    /// The options chosen on two heads that act together (`give_item` and `give_target`, say), if
    /// both are legal and neither is "nothing", else nil (an illegal choice is counted).
    @inline(__always)
    mutating func actingPair(_ first: ActionHeadKind, _ second: ActionHeadKind) -> (first: Int, second: Int)? {
        let firstOption = acting(first)
        guard let secondOption = acting(second), let firstOption else { return nil }
        return (firstOption, secondOption)
    }
}
