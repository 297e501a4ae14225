/// The observation-only attack of Andam et al. (Align): with the misalignment model fitted during
/// passive play (`AlignmentCollector`, `MisalignmentModel.fit`), at every step and for every team
/// whose attacked set M has at least two living members, starting from delta = 0 it takes K steps
///
///     delta <- clip(delta + alpha sign(d J / d delta)),  alpha = epsilon / K,
///
/// where J(delta) = the mean over M's living members i of MSE(f(o_-i + delta_-i), o_i + delta_i)
/// (delta in the teammates' inputs and in i's own target, as the reference), in range units: a step
/// moves coordinate c by alpha x its range's width; the clip keeps every coordinate within epsilon
/// of its clean value and inside its valid range, and inactive coordinates at 0. With a tile budget
/// k, the first step also makes up to k greedy tile flips per member, each the one that raises J
/// most (its own prediction error exactly, its teammates' to first order; `MisalignmentTileScores`)
/// while any does, from the same gradient as the first numeric step (so K = 1 costs one forward and
/// backward pass); the later steps see the flipped tiles. A member alone alive in its team is left
/// clean (J needs teammates). Threat model:
/// reads the clean observations of the attacked agents only; deterministic, and the same on any
/// number of threads.
public final class AlignAttack: ObservationAttack {
    public let model: MisalignmentModel
    /// K, the signed-gradient steps per environment step.
    public let steps: Int
    public let name: String
    private let workers: MisalignmentWorkers

    /// `name` is `align` for the attack on the given M, `align-targeted` for the places
    /// `AlignTargeting` selects.
    public init(model: MisalignmentModel, steps: Int = 10, name: String = "align") {
        precondition(steps >= 1, "Align takes at least one step")
        self.model = model
        self.steps = steps
        self.name = name
        workers = MisalignmentWorkers(model: model)
    }

    public func perturb(_ frame: AttackFrame) {
        let epsilon = frame.budget.epsilon, alpha = epsilon / Float(steps), flips = min(frame.budget.tileFlips, frame.tiles)
        workers.run(frame) { _, groups, engine in
            engine.load(groups: groups, frame: frame, source: .clean, epsilon: epsilon)
            guard engine.rows > 0 else { return }
            for step in 0..<(epsilon > 0 ? steps : 1) {
                engine.evaluate(gradient: true)
                if step == 0 { engine.flipTiles(flips, frame: frame) }
                if epsilon > 0 { engine.signStep(alpha: alpha) }
            }
            if epsilon > 0 { engine.writePerturbed(into: frame) }
        }
    }
}
