/// The ticks to export, from `--ticks`: `N` (one tick), `START:END` (END excluded) or
/// `START:END:STEP`, like a Python slice; END may be omitted to mean the end of the replay.
public struct TickSpec: Sendable, Equatable {
    public let start: Int
    /// Exclusive.
    public let end: Int?
    public let step: Int

    /// Parses `text`; errors name `--ticks`.
    public init(parsing text: String) throws(ViewerError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { String($0) }
        func number(_ part: String, _ what: String) throws(ViewerError) -> Int {
            guard let value = Int(part), value >= 0 else {
                throw ViewerError("--ticks '\(text)': \(what) '\(part)' is not a non-negative integer (expected N, START:END or START:END:STEP)")
            }
            return value
        }
        switch parts.count {
        case 1:
            start = try number(parts[0], "tick")
            // The largest Int has no next tick to end at; it lies beyond every replay, which `ticks` reports.
            end = start < Int.max ? start + 1 : nil
            step = 1
        case 2, 3:
            start = try number(parts[0], "start")
            end = parts[1].isEmpty ? nil : try number(parts[1], "end")
            step = parts.count == 3 ? try number(parts[2], "step") : 1
        default:
            throw ViewerError("--ticks '\(text)': expected N, START:END or START:END:STEP")
        }
        guard step > 0 else { throw ViewerError("--ticks '\(text)': step must be at least 1") }
        if let end, end <= start { throw ViewerError("--ticks '\(text)': end \(end) must be greater than start \(start)") }
    }

    /// The ticks of a replay with `tickCount` ticks; errors name `--ticks` when the range leaves it.
    public func ticks(tickCount: Int) throws(ViewerError) -> [Int] {
        let last = tickCount - 1
        guard start <= last else {
            throw ViewerError("--ticks: start \(start) is beyond the replay's last tick \(last)")
        }
        if let end, end > tickCount {
            throw ViewerError("--ticks: end \(end) is beyond the replay's \(tickCount) ticks (0...\(last)); use END <= \(tickCount)")
        }
        return Array(stride(from: start, to: end ?? tickCount, by: step))
    }
}
