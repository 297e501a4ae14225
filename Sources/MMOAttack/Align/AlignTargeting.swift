/// The targeted variants' choice of victims. A misalignment model is fitted on the whole team (M =
/// every place: `AlignmentCollector` with `AttackTargets` of all slots, then `MisalignmentModel.fit`),
/// and each place i gets its clean J_i: the mean prediction error of i from its teammates on the
/// validation split (`AlignmentFitReport.placeErrors`). The m places with the LOWEST J_i (the most
/// mutually aligned: what teammates see predicts them best; ties to the lower place) are attacked,
/// the same places in every team:
/// - targeted Align: `AlignAttack(name: "align-targeted")` with a model fitted on those places
///   (`AlignmentSamples.restricted(to:)` of the full-team samples, then `fit`);
/// - targeted Hadamard: `HadamardAttack(name: "hadamard-targeted")` on those places (its rows
///   follow the places' order in M, as untargeted).
public enum AlignTargeting {
    /// The `count` places with the lowest errors, ascending.
    public static func mostAligned(errors: [Double], count: Int) -> [Int] {
        precondition((0...errors.count).contains(count), "cannot pick \(count) of \(errors.count) places")
        return errors.indices.sorted { (errors[$0], $0) < (errors[$1], $1) }.prefix(count).sorted()
    }

    /// The targets attacking the `count` most aligned places of `team` (the full-team targets the
    /// model was fitted on), by the per-place errors of its fit.
    public static func targets(team: AttackTargets, fit: AlignmentFitReport, count: Int) -> AttackTargets {
        precondition(fit.placeErrors.count == team.groupSize, "the fit is for \(fit.placeErrors.count) places, the team has \(team.groupSize)")
        return AttackTargets(agentsPerEnv: team.agentsPerEnv, environments: team.environments, teamSize: team.teamSize,
                             slots: mostAligned(errors: fit.placeErrors, count: count).map { team.slots[$0] })
    }
}
