import MMOCore

/// Survival predicates: AllDead, StayAlive, CheckAgentStatus, ProtectLeader.
extension EvaluationContext {
    /// Fraction of members that are dead (1 when all are).
    func allDead() -> Float {
        var dead = 0
        for member in members where !isAlive(member) { dead += 1 }
        return PredicateEvaluator.ratio(dead, members.count)
    }

    /// 1 while every member is alive, else 0.
    func stayAlive() -> Float {
        for member in members where !isAlive(member) { return 0 }
        return 1
    }

    /// Fraction of `targets` in `status`; slots that are not players count as dead.
    func agentStatus(_ targets: UnsafeBufferPointer<Int32>, _ status: AgentStatus) -> Float {
        var matching = 0
        for target in targets where isAlive(Int(target)) == (status == .alive) { matching += 1 }
        return PredicateEvaluator.ratio(matching, targets.count)
    }

    /// 0 when the leader is dead, else `tick / horizon`.
    func protectLeader(_ leader: Int) -> Float {
        isAlive(leader) ? PredicateEvaluator.ratio(tick, world.config.episode.horizon) : 0
    }
}
