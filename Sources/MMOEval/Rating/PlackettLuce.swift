import Foundation

/// Weng and Lin's Bayesian rating update for ranked team games under the Plackett-Luce model
/// ("A Bayesian Approximation Method for Online Ranking", JMLR 12, 2011, Algorithm 4), giving the
/// same updates as the `PlackettLuce` model of the `openskill` Python package (checked against
/// version 6.2.0 at its defaults: no margin, no sigma limit, no balancing, no player weights).
///
/// One game, with every player's rating first widened by `tau` (`sigma² + tau²`, so that
/// ratings keep moving over many games):
/// - a team's strength is the sum of its players' `mu`, its variance the sum of their `sigma²`;
/// - `c` is the root of the sum over teams of (team variance + `beta²`);
/// - each team `q` has a field: the teams that did not finish ahead of it (itself included), with
///   `sum_q` the sum of `exp(strength / c)` over that field, and `a_q` the number of teams that
///   finished level with `q` (itself included);
/// - for team `i`, over every `q` that finished ahead of or level with `i`, with
///   `p = exp(strength_i / c) / sum_q`: `omega` gains `(1 - p) / a_q` when `q` is `i` and loses
///   `p / a_q` otherwise, and `delta` gains `p (1 - p) / a_q`; then `omega` is scaled by
///   `variance_i / c` and `delta` by `variance_i / c²` and by `gamma = sqrt(variance_i) / c`;
/// - each player of team `i` moves by its share of the team's variance, `share = sigma² /
///   variance_i`: `mu += share * omega`, and `sigma *= sqrt(max(1 - share * delta, kappa))`.
///
/// Ranks compare by their integer part (truncated toward zero), as in the package: 1.2 and 1.7
/// tie. Teams that tie are each updated by the rule above; nothing is averaged between them.
public struct PlackettLuce: Sendable, Equatable {
    /// A new player's rating.
    public var mu: Double
    public var sigma: Double
    /// The spread of a single game's performance around a player's skill.
    public var beta: Double
    /// The smallest factor, before the square root, by which one game may shrink a `sigma`.
    public var kappa: Double
    /// How much a rating's `sigma` widens before each game.
    public var tau: Double

    /// The model with `openskill`'s defaults: `mu` 25, `sigma` 25/3, `beta` 25/6, `kappa` 0.0001,
    /// `tau` 25/300.
    public init(
        mu: Double = 25, sigma: Double = 25.0 / 3.0, beta: Double = 25.0 / 6.0, kappa: Double = 0.0001,
        tau: Double = 25.0 / 300.0
    ) {
        self.mu = mu
        self.sigma = sigma
        self.beta = beta
        self.kappa = kappa
        self.tau = tau
    }

    /// The rating a player starts with.
    public var initialRating: Rating { Rating(mu: mu, sigma: sigma) }

    /// The ratings after one game that `teams` played and finished in `ranks` order (one per team,
    /// lower is better, equal integer parts tie); the result has the shape of `teams`.
    public func rate(teams: [[Rating]], ranks: [Double]) -> [[Rating]] {
        precondition(teams.count >= 2, "a game needs at least 2 teams, not \(teams.count)")
        precondition(teams.allSatisfy { !$0.isEmpty }, "every team needs at least one player")
        precondition(ranks.count == teams.count, "\(ranks.count) ranks for \(teams.count) teams")
        precondition(ranks.allSatisfy(\.isFinite), "ranks must be finite: \(ranks)")
        let levels = ranks.map { $0.rounded(.towardZero) }
        let tauSquared = tau * tau
        let widened = teams.map { team in
            team.map { Rating(mu: $0.mu, sigma: ($0.sigma * $0.sigma + tauSquared).squareRoot()) }
        }
        let strengths = widened.map { team in team.reduce(0) { $0 + $1.mu } }
        let variances = widened.map { team in team.reduce(0) { $0 + $1.sigma * $1.sigma } }
        let c = variances.reduce(0) { $0 + $1 + beta * beta }.squareRoot()
        let exponentials = strengths.map { exp($0 / c) }
        let fieldSums = levels.map { level in
            levels.indices.reduce(0) { levels[$1] >= level ? $0 + exponentials[$1] : $0 }
        }
        let levelCounts = levels.map { level in levels.count { $0 == level } }

        return widened.indices.map { i in
            var omega = 0.0
            var delta = 0.0
            for q in levels.indices where levels[q] <= levels[i] {
                let p = exponentials[i] / fieldSums[q]
                let share = 1 / Double(levelCounts[q])
                omega += ((q == i ? 1 : 0) - p) * share
                delta += p * (1 - p) * share
            }
            let variance = variances[i]
            omega *= variance / c
            delta *= variance / (c * c) * (variance.squareRoot() / c)
            return widened[i].map { player in
                let share = player.sigma * player.sigma / variance
                return Rating(
                    mu: player.mu + share * omega,
                    sigma: player.sigma * max(1 - share * delta, kappa).squareRoot()
                )
            }
        }
    }

    /// The ratings after one game that `teams` played for `scores` (one per team, higher is
    /// better, equal scores tie): a team's rank is the number of teams that scored more.
    public func rate(teams: [[Rating]], scores: [Double]) -> [[Rating]] {
        precondition(scores.count == teams.count, "\(scores.count) scores for \(teams.count) teams")
        precondition(scores.allSatisfy(\.isFinite), "scores must be finite: \(scores)")
        let ranks = scores.map { score in Double(scores.count { $0 > score }) }
        return rate(teams: teams, ranks: ranks)
    }
}
