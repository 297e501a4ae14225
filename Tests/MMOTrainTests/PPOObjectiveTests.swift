import Foundation
import Testing
@testable import MMOTrain

@Suite struct PPOObjectiveTests {
    /// Runs the objective on one-sample arrays.
    func evaluate(_ objective: PPOObjective, logProb: Float, oldLogProb: Float, advantage: Float, value: Float, oldValue: Float, ret: Float,
                  entropy: Float = 0, normaliser: Int = 1) -> (PPOObjective.Statistics, Float, Float) {
        var logProbGradient: Float = 0, valueGradient: Float = 0
        var lp = logProb, olp = oldLogProb, a = advantage, v = value, ov = oldValue, r = ret, h = entropy
        let statistics = objective.evaluate(count: 1, normaliser: normaliser, logProbs: &lp, oldLogProbs: &olp, advantages: &a, values: &v, oldValues: &ov,
                                            returns: &r, entropies: &h, logProbGradients: &logProbGradient, valueGradients: &valueGradient)
        return (statistics, logProbGradient, valueGradient)
    }

    var objective: PPOObjective {
        var config = PPOConfig()
        config.clipCoefficient = 0.2
        config.valueCoefficient = 0.5
        config.entropyCoefficient = 0.01
        return PPOObjective(config: config)
    }

    @Test func insideTheClipRangeTheSurrogateIsMinusAdvantageTimesRatio() {
        let logRatio = Float(log(1.1))
        let (statistics, gradient, _) = evaluate(objective, logProb: logRatio, oldLogProb: 0, advantage: 2, value: 0, oldValue: 0, ret: 0)
        #expect(abs(statistics.policyLoss - (-2.2)) < 1e-5)
        #expect(abs(gradient - (-2.2)) < 1e-5)   // d(-A r)/d logp = -A r
        #expect(statistics.clipped == 0)
        #expect(abs(statistics.approximateKL - (0.1 - Double(logRatio))) < 1e-6)
    }

    @Test func aPositiveAdvantageBeyondOnePlusClipIsCutOff() {
        let (statistics, gradient, _) = evaluate(objective, logProb: Float(log(1.5)), oldLogProb: 0, advantage: 1, value: 0, oldValue: 0, ret: 0)
        #expect(abs(statistics.policyLoss - (-1.2)) < 1e-5)   // max(-1.5, -1.2)
        #expect(gradient == 0)
        #expect(statistics.clipped == 1)
    }

    @Test func aNegativeAdvantageKeepsTheGradientWhenTheRatioGrows() {
        // A < 0, r = 1.5: max(1.5, 1.2) = 1.5 is the unclipped branch, so the gradient is -A r = 1.5.
        let (statistics, gradient, _) = evaluate(objective, logProb: Float(log(1.5)), oldLogProb: 0, advantage: -1, value: 0, oldValue: 0, ret: 0)
        #expect(abs(statistics.policyLoss - 1.5) < 1e-5)
        #expect(abs(gradient - 1.5) < 1e-5)
    }

    @Test func theValueLossTakesTheLargerOfTheClippedAndUnclippedErrors() {
        // V moved from 0 to 1 toward R = 2: unclipped (1 - 2)^2 = 1, clipped (0.2 - 2)^2 = 3.24 is larger,
        // and the clipped value does not depend on V, so the gradient is 0.
        let (statistics, _, valueGradient) = evaluate(objective, logProb: 0, oldLogProb: 0, advantage: 0, value: 1, oldValue: 0, ret: 2)
        #expect(abs(statistics.valueLoss - 0.5 * 3.24) < 1e-5)
        #expect(valueGradient == 0)
        // V moved from 0 to 0.1 toward R = -1: unclipped 1.21 >= clipped 1.21: gradient c_v (V - R) = 0.5 * 1.1.
        let (small, _, smallGradient) = evaluate(objective, logProb: 0, oldLogProb: 0, advantage: 0, value: 0.1, oldValue: 0, ret: -1)
        #expect(abs(small.valueLoss - 0.5 * 1.21) < 1e-5)
        #expect(abs(smallGradient - 0.55) < 1e-5)
    }

    @Test func gradientsAreDividedByTheWholeMinibatch() {
        let (_, gradient, valueGradient) = evaluate(objective, logProb: 0, oldLogProb: 0, advantage: 3, value: 1, oldValue: 1, ret: 0, normaliser: 4)
        #expect(abs(gradient - (-0.75)) < 1e-6)
        #expect(abs(valueGradient - 0.5 * 1 / 4) < 1e-6)
    }

    @Test func theTotalLossCombinesTheTerms() {
        let (statistics, _, _) = evaluate(objective, logProb: 0, oldLogProb: 0, advantage: 1, value: 1, oldValue: 1, ret: 3, entropy: 2)
        // -1 + 0.5 * 0.5 * 4 - 0.01 * 2
        #expect(abs(statistics.loss(objective) - (-1 + 1 - 0.02)) < 1e-6)
    }

    @Test func invalidRowsGetNoGradientAndDoNotCount() {
        // Row 0 is a sample (the inside-the-clip case above, value error 1 - 3 = -2); row 1 is padding
        // with values that would otherwise dominate every statistic.
        var logProbs: [Float] = [Float(log(1.1)), 5], oldLogProbs: [Float] = [0, 0], advantages: [Float] = [2, 100]
        var values: [Float] = [1, 50], oldValues: [Float] = [1, 0], returns: [Float] = [3, -50], entropies: [Float] = [0.7, 9]
        var valid: [UInt8] = [1, 0]
        var logProbGradients: [Float] = [9, 9], valueGradients: [Float] = [9, 9]
        let statistics = objective.evaluate(count: 2, normaliser: 1, valid: &valid, logProbs: &logProbs, oldLogProbs: &oldLogProbs,
                                            advantages: &advantages, values: &values, oldValues: &oldValues, returns: &returns,
                                            entropies: &entropies, logProbGradients: &logProbGradients, valueGradients: &valueGradients)
        #expect(statistics.samples == 1)
        #expect(statistics.clipped == 0)
        #expect(abs(statistics.policyLoss - (-2.2)) < 1e-5)
        #expect(abs(statistics.valueLoss - 0.5 * 4) < 1e-5)
        #expect(abs(statistics.entropy - 0.7) < 1e-6)
        #expect(abs(logProbGradients[0] - (-2.2)) < 1e-5)
        #expect(abs(valueGradients[0] - 0.5 * -2) < 1e-6)
        #expect(logProbGradients[1] == 0 && valueGradients[1] == 0)
    }
}
