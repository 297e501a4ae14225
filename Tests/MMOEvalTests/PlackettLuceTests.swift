import Testing
import MMOEval

/// Properties of `PlackettLuce` that can be checked by hand, beside the package comparison.
@Suite struct PlackettLuceTests {
    let model = PlackettLuce()

    @Test func theWinnerRisesTheLoserFallsAndBothGrowSurer() {
        let rated = model.rate(teams: [[model.initialRating], [model.initialRating]], ranks: [1, 2])
        #expect(rated[0][0].mu > 25)
        #expect(rated[1][0].mu < 25)
        #expect(rated[0][0].sigma < 25.0 / 3)
        #expect(rated[1][0].sigma < 25.0 / 3)
        // Two equal players: the game is symmetric, so the changes are equal and opposite.
        #expect(abs((rated[0][0].mu - 25) + (rated[1][0].mu - 25)) < 1e-12)
        #expect(rated[0][0].sigma == rated[1][0].sigma)
        #expect(rated[0][0].ordinal > rated[1][0].ordinal)
    }

    /// Two fresh single players, worked by hand: sigma² = (25/3)² + (25/300)², c² = 2 (sigma² +
    /// (25/6)²), both teams equally strong so p = 1/2 for the winner's field of two; the winner
    /// gains omega = sigma² / c * (1 - 1/2), and the loser's field is itself alone (p = 1) so it
    /// loses sigma² / c * (1/2) from the winner's field; delta = sigma² / c² * sigma / c * 1/4 for
    /// the winner.
    @Test func twoFreshPlayersMatchTheFormulaByHand() {
        let rated = model.rate(teams: [[model.initialRating], [model.initialRating]], ranks: [0, 1])
        let variance = (25.0 / 3) * (25.0 / 3) + (25.0 / 300) * (25.0 / 300)
        let c = (2 * (variance + (25.0 / 6) * (25.0 / 6))).squareRoot()
        let omega = variance / c * 0.5
        let delta = variance / (c * c) * (variance.squareRoot() / c) * 0.25
        #expect(abs(rated[0][0].mu - (25 + omega)) < 1e-12)
        #expect(abs(rated[1][0].mu - (25 - omega)) < 1e-12)
        #expect(abs(rated[0][0].sigma - variance.squareRoot() * (1 - delta).squareRoot()) < 1e-12)
    }

    @Test func scoresRankTeamsByHowManyScoredMore() {
        let teams = (0..<4).map { [Rating(mu: 20 + Double($0), sigma: 5 + Double($0))] }
        let byScores = model.rate(teams: teams, scores: [3, 10, 3, -1])
        let byRanks = model.rate(teams: teams, ranks: [1, 0, 1, 3])
        #expect(byScores == byRanks)
    }

    @Test func ranksTieOnTheirIntegerParts() {
        let teams = [[Rating(mu: 30, sigma: 5)], [Rating(mu: 20, sigma: 7)], [Rating(mu: 25, sigma: 8)]]
        #expect(model.rate(teams: teams, ranks: [1.7, 1.2, 2]) == model.rate(teams: teams, ranks: [1, 1, 2]))
    }

    @Test func aTeamsPlayersMoveByTheirShareOfItsVariance() {
        let sure = Rating(mu: 25, sigma: 1)
        let unsure = Rating(mu: 25, sigma: 6)
        let rated = model.rate(teams: [[sure, unsure], [model.initialRating]], ranks: [0, 1])
        let sureGain = rated[0][0].mu - 25
        let unsureGain = rated[0][1].mu - 25
        let widen = { (sigma: Double) in sigma * sigma + (25.0 / 300) * (25.0 / 300) }
        #expect(sureGain > 0)
        #expect(abs(unsureGain / sureGain - widen(6) / widen(1)) < 1e-9)
    }

    @Test func kappaBoundsHowFarOneGameShrinksSigma() {
        // Here one game would shrink sigma² by about 9%; a kappa of 0.99 allows only 1%.
        let teams = [[Rating(mu: 0, sigma: 40)], [Rating(mu: 0, sigma: 40)]]
        let widened = (40.0 * 40 + model.tau * model.tau).squareRoot()
        let free = model.rate(teams: teams, ranks: [0, 1])
        let floored = PlackettLuce(kappa: 0.99).rate(teams: teams, ranks: [0, 1])
        #expect(free[0][0].sigma < widened * 0.96)
        #expect(abs(floored[0][0].sigma - widened * 0.99.squareRoot()) < 1e-12)
        #expect(abs(floored[1][0].sigma - widened * 0.99.squareRoot()) < 1e-12)

        // At the default kappa the floor binds for a very unsure player who loses to seven teams.
        let field = Array(repeating: [model.initialRating], count: 7) + [[Rating(mu: 25, sigma: 80)]]
        let last = model.rate(teams: field, ranks: (1...8).map(Double.init))[7][0]
        #expect(abs(last.sigma - (80.0 * 80 + model.tau * model.tau).squareRoot() * 0.01) < 1e-9)
    }
}
