import MMONet

/// Runs work over a frame's groups in passes on its worker threads, each worker with its own
/// `GroupMisalignment`. A pass holds near-equal consecutive groups, about `passRows` rows (m per
/// group); the cut depends only on the number of groups and m, never on the thread count, so
/// results repeat exactly on any number of threads. The workers are allocated at the first frame.
final class MisalignmentWorkers {
    let model: MisalignmentModel
    private var engines: [GroupMisalignment] = []
    private(set) var passes = 0
    private var groups = 0

    init(model: MisalignmentModel) { self.model = model }

    /// Calls `body(pass, groups of the pass, the worker's engine)` for every pass, concurrently.
    func run(_ frame: AttackFrame, _ body: (Int, Range<Int>, GroupMisalignment) -> Void) {
        prepare(frame)
        let groups = groups, passes = passes, threads = engines.count, engines = engines
        runWorkers(threads) { worker in
            for pass in stride(from: worker, to: passes, by: threads) {
                body(pass, pass * groups / passes..<(pass + 1) * groups / passes, engines[worker])
            }
        }
    }

    private func prepare(_ frame: AttackFrame) {
        let groups = frame.targets.groups, perPass = max(1, MisalignmentModel.passRows / model.places)
        let passes = max(1, (groups + perPass - 1) / perPass), workers = max(1, min(frame.threads, passes))
        guard groups != self.groups || engines.count != workers || engines.first?.width != frame.width else { return }
        self.groups = groups
        self.passes = passes
        let encoding = AlignmentEncoding(surface: frame.surface)
        engines = (0..<workers).map { _ in GroupMisalignment(model: model, encoding: encoding, capacity: (groups + passes - 1) / passes) }
    }
}
