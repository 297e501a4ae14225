import Testing
@testable import MMOTrain

@Suite struct GeneralizedAdvantageTests {
    /// CleanRL's loop for one agent (its `ppo.py`), written out with the done flag of step t
    /// meaning "the episode ended after step t": the reference the trainer's version must match.
    static func reference(rewards: [Float], values: [Float], dones: [Bool], finalValue: Float, gamma: Float, lambda: Float) -> [Float] {
        var advantages = [Float](repeating: 0, count: rewards.count)
        var lastGAE: Float = 0
        for t in stride(from: rewards.count - 1, through: 0, by: -1) {
            let nextNonTerminal: Float = dones[t] ? 0 : 1
            let nextValue = t == rewards.count - 1 ? finalValue : values[t + 1]
            let delta = rewards[t] + gamma * nextValue * nextNonTerminal - values[t]
            lastGAE = delta + gamma * lambda * nextNonTerminal * lastGAE
            advantages[t] = lastGAE
        }
        return advantages
    }

    @Test func twoStepsByHand() {
        // gamma 0.5, lambda 0.5; step 1: delta = 1 + 0.5 * 4 - 2 = 1; step 0: delta = 0 + 0.5 * 2 - 1 = 0, A0 = 0 + 0.25 * 1.
        var rewards: [Float] = [0, 1], values: [Float] = [1, 2], finals: [Float] = [4]
        let dones: [UInt8] = [0, 0], valid: [UInt8] = [1, 1]
        var advantages = [Float](repeating: 9, count: 2), returns = [Float](repeating: 9, count: 2)
        GeneralizedAdvantage.compute(rewards: &rewards, values: &values, dones: dones, valid: valid, finalValues: &finals, steps: 2, agents: 1,
                                     gamma: 0.5, lambda: 0.5, advantages: &advantages, returns: &returns)
        #expect(advantages == [0.25, 1])
        #expect(returns == [1.25, 3])
    }

    @Test func matchesCleanRLsLoopOnRandomRollouts() {
        let steps = 37, agents = 5
        var random = SeededNumbers(seed: 3)
        var rewards = (0..<steps * agents).map { _ in random.next() * 2 - 1 }
        var values = (0..<steps * agents).map { _ in random.next() }
        let doneFlags = (0..<steps * agents).map { _ in random.next() < 0.1 }
        var finals = (0..<agents).map { _ in random.next() }
        let dones = doneFlags.map { UInt8($0 ? 1 : 0) }
        let valid = [UInt8](repeating: 1, count: steps * agents)
        var advantages = [Float](repeating: 0, count: steps * agents), returns = advantages
        GeneralizedAdvantage.compute(rewards: &rewards, values: &values, dones: dones, valid: valid, finalValues: &finals, steps: steps, agents: agents,
                                     gamma: 0.99, lambda: 0.95, advantages: &advantages, returns: &returns)
        for agent in 0..<agents {
            let column = { (array: [Float]) in (0..<steps).map { array[$0 * agents + agent] } }
            let expected = Self.reference(rewards: column(rewards), values: column(values), dones: (0..<steps).map { doneFlags[$0 * agents + agent] },
                                          finalValue: finals[agent], gamma: 0.99, lambda: 0.95)
            for (t, value) in expected.enumerated() {
                #expect(abs(advantages[t * agents + agent] - value) < 1e-5)
                #expect(abs(returns[t * agents + agent] - (value + values[t * agents + agent])) < 1e-5)
            }
        }
    }

    @Test func deadEntriesAreNotSamplesAndBreakNothing() {
        // Agent dies at step 1 (done), is dead at steps 2-3 (invalid), lives again at step 4 (a new episode).
        var rewards: [Float] = [0.5, -1, 7, 7, 0.25], values: [Float] = [0.2, 0.1, 7, 7, 0.3], finals: [Float] = [0.6]
        let dones: [UInt8] = [0, 1, 0, 0, 0], valid: [UInt8] = [1, 1, 0, 0, 1]
        var advantages = [Float](repeating: 9, count: 5), returns = advantages
        GeneralizedAdvantage.compute(rewards: &rewards, values: &values, dones: dones, valid: valid, finalValues: &finals, steps: 5, agents: 1,
                                     gamma: 0.9, lambda: 0.8, advantages: &advantages, returns: &returns)
        let expected = Self.reference(rewards: [0.5, -1], values: [0.2, 0.1], dones: [false, true], finalValue: 0, gamma: 0.9, lambda: 0.8)
        #expect(abs(advantages[0] - expected[0]) < 1e-6 && abs(advantages[1] - expected[1]) < 1e-6)
        #expect(advantages[2] == 0 && advantages[3] == 0)
        #expect(abs(advantages[4] - (0.25 + 0.9 * 0.6 - 0.3)) < 1e-6)
    }
}

/// Uniform floats in [0, 1) from a fixed linear congruential stream, for test data.
struct SeededNumbers {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 6_364_136_223_846_793_005 &+ 1 }
    mutating func next() -> Float {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Float(state >> 40) / Float(1 << 24)
    }
}
