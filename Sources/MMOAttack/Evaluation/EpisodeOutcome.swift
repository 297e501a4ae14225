/// One evaluated episode (one world's game) under one setting: means over the world's agents, all
/// of them and split into attacked and unattacked agents (`nan` for an empty group).
public struct EpisodeOutcome: Sendable, Equatable, Codable {
    public let episode: Int
    /// Ticks the world ran.
    public let length: Int
    /// Per-agent return: task rewards plus the death penalty, summed over the agent's life.
    public let meanReturn: Double, attackedReturn: Double, unattackedReturn: Double
    /// The fraction of agents that completed their task (progress 1).
    public let completion: Double, attackedCompletion: Double, unattackedCompletion: Double
    /// Mean ticks an agent lived.
    public let meanLifetime: Double, attackedLifetime: Double, unattackedLifetime: Double

    public init(episode: Int, length: Int, meanReturn: Double, attackedReturn: Double, unattackedReturn: Double, completion: Double,
                attackedCompletion: Double, unattackedCompletion: Double, meanLifetime: Double, attackedLifetime: Double, unattackedLifetime: Double) {
        self.episode = episode
        self.length = length
        self.meanReturn = meanReturn
        self.attackedReturn = attackedReturn
        self.unattackedReturn = unattackedReturn
        self.completion = completion
        self.attackedCompletion = attackedCompletion
        self.unattackedCompletion = unattackedCompletion
        self.meanLifetime = meanLifetime
        self.attackedLifetime = attackedLifetime
        self.unattackedLifetime = unattackedLifetime
    }
}
