import MMONet

/// Which agents an attack perturbs. Agents belong to teams (players are dealt to teams in id
/// order, so team t of an environment is players t*teamSize..<(t+1)*teamSize); the attacked set M
/// is the same `slots` (positions within a team, ascending) in every team of every environment, so
/// each team is an independent victim group, as the single cooperative team of the reference
/// benchmarks is.
public struct AttackTargets: Sendable, Equatable {
    public let agentsPerEnv: Int
    public let environments: Int
    public let teamSize: Int
    /// The attacked positions within a team, ascending.
    public let slots: [Int]
    /// Per agent, its index in `slots` (its place in M), or -1 when it is not attacked.
    public let slotInGroup: [Int32]

    public var teamsPerEnv: Int { agentsPerEnv / teamSize }
    /// m, the number of attacked agents per team.
    public var groupSize: Int { slots.count }
    /// Number of teams over all environments.
    public var groups: Int { environments * teamsPerEnv }
    public var totalAgents: Int { environments * agentsPerEnv }

    public init(agentsPerEnv: Int, environments: Int, teamSize: Int, slots: [Int]) {
        precondition(teamSize > 0 && agentsPerEnv % teamSize == 0, "teams of \(teamSize) do not split \(agentsPerEnv) agents")
        precondition(slots.allSatisfy { (0..<teamSize).contains($0) } && Set(slots).count == slots.count, "attacked slots must be distinct positions in a team")
        self.agentsPerEnv = agentsPerEnv
        self.environments = environments
        self.teamSize = teamSize
        self.slots = slots.sorted()
        var slotInGroup = [Int32](repeating: -1, count: environments * agentsPerEnv)
        for agent in slotInGroup.indices {
            if let index = self.slots.firstIndex(of: agent % agentsPerEnv % teamSize) { slotInGroup[agent] = Int32(index) }
        }
        self.slotInGroup = slotInGroup
    }

    /// m = round(fraction x team size) (at least 1 when fraction > 0) positions drawn from `seed`.
    public static func random(fraction: Double, agentsPerEnv: Int, environments: Int, teamSize: Int, seed: UInt64) -> AttackTargets {
        var positions = Array(0..<teamSize)
        var random = NetRandom(seed: seed ^ 0x7A11_5107)
        random.shuffle(&positions)
        return AttackTargets(agentsPerEnv: agentsPerEnv, environments: environments, teamSize: teamSize,
                             slots: Array(positions.prefix(count(fraction: fraction, teamSize: teamSize))))
    }

    /// The number of attacked agents per team for `fraction`.
    public static func count(fraction: Double, teamSize: Int) -> Int {
        fraction <= 0 ? 0 : min(teamSize, max(1, Int((fraction * Double(teamSize)).rounded())))
    }

    /// The agent at place `index` of M in group `group` (groups are environment-major, then team).
    @inline(__always) public func agent(group: Int, index: Int) -> Int {
        let environment = group / teamsPerEnv, team = group % teamsPerEnv
        return environment * agentsPerEnv + team * teamSize + slots[index]
    }

    /// Whether `agent` is attacked.
    @inline(__always) public func isAttacked(_ agent: Int) -> Bool { slotInGroup[agent] >= 0 }
}
