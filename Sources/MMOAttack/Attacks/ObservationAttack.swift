/// An observation-perturbation attack: once per environment step, after `AttackFrame.load` and
/// before the policy acts, it changes the attacked agents' perturbed vectors and tile ids in the
/// frame. It need not respect the budget exactly (the frame projects afterwards), but it should
/// aim inside it. Each attack reads only what its threat model allows (said on each type): noise
/// and Hadamard read nothing of the observations, Align the clean observations of the attacked
/// agents, the white-box attack also the victim's network. An attack is deterministic for its seed.
public protocol ObservationAttack: AnyObject {
    /// The name reports use (`noise-gaussian`, `hadamard`, `align`, ...).
    var name: String { get }
    /// Writes the step's perturbations into `frame`.
    func perturb(_ frame: AttackFrame)
}
