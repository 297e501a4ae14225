/// The misalignment J of the attacked teams, clean and as the policy saw it, summed over the
/// team-steps measured (those with at least two living members in M).
public struct MisalignmentTally: Sendable, Codable, Equatable {
    public var cleanSum = 0.0
    public var attackedSum = 0.0
    public var teamSteps = 0

    public init() {}

    /// Mean J per team-step on the clean observations and on the perturbed ones (0 before any).
    public var clean: Double { teamSteps > 0 ? cleanSum / Double(teamSteps) : 0 }
    public var attacked: Double { teamSteps > 0 ? attackedSum / Double(teamSteps) : 0 }

    public mutating func add(_ other: MisalignmentTally) {
        cleanSum += other.cleanSum
        attackedSum += other.attackedSum
        teamSteps += other.teamSteps
    }
}
