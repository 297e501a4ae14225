/// Measures, with a fitted misalignment model, how misaligned the attacked teams were at each step
/// of ANY attack: J on the clean observations and J on what the policy read (the projected
/// perturbed vectors and tile ids), so a report can show "J clean vs attacked" for noise, Hadamard
/// or Align alike. The model must be for M's size (`frame.targets.groupSize` places).
public final class MisalignmentProbe {
    public let model: MisalignmentModel
    /// Totals over every step measured.
    public private(set) var tally = MisalignmentTally()
    private let workers: MisalignmentWorkers
    /// Per pass: its tally at the current step.
    private var passTallies: [MisalignmentTally] = []

    public init(model: MisalignmentModel) {
        self.model = model
        workers = MisalignmentWorkers(model: model)
    }

    /// Adds the current step of `frame` (after the attack and `project`) and returns its tally.
    @discardableResult
    public func measure(_ frame: AttackFrame) -> MisalignmentTally {
        if passTallies.count < frame.targets.groups { passTallies = Array(repeating: MisalignmentTally(), count: frame.targets.groups) }
        passTallies.withUnsafeMutableBufferPointer { tallies in
            workers.run(frame) { pass, groups, engine in
                var tally = MisalignmentTally()
                engine.load(groups: groups, frame: frame, source: .clean)
                engine.evaluate(gradient: false)
                for local in 0..<engine.groupCount where engine.livingCount[local] > 0 {
                    tally.cleanSum += engine.errors[local]
                    tally.teamSteps += 1
                }
                engine.load(groups: groups, frame: frame, source: .perturbed)
                engine.evaluate(gradient: false)
                for local in 0..<engine.groupCount where engine.livingCount[local] > 0 { tally.attackedSum += engine.errors[local] }
                tallies[pass] = tally
            }
        }
        var step = MisalignmentTally()
        for pass in 0..<workers.passes { step.add(passTallies[pass]) }
        tally.add(step)
        return step
    }
}
