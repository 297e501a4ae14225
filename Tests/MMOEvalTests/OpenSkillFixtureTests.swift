import Foundation
import Testing
import MMOEval

/// `PlackettLuce` against the `openskill` Python package: every game of a case file written by
/// `Tests/Python/openskill_cases.py` is replayed in order over the case's pool of players, and every
/// returned mu and sigma must match the package's within 1e-6. The committed fixture is always
/// checked; a file named by `GRIDMMO_OPENSKILL_CASES` is checked too when that is set (`make
/// check-openskill-python` writes fresh cases with the installed package there).
@Suite struct OpenSkillFixtureTests {
    static let tolerance = 1e-6
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/openskill-plackett-luce.json").path
    static let requested = ProcessInfo.processInfo.environment["GRIDMMO_OPENSKILL_CASES"]

    struct CaseFile: Decodable {
        struct Parameters: Decodable { let mu, sigma, beta, kappa, tau: Double }
        let package: String
        let version: String
        let model: String
        let parameters: Parameters
        let seed: Int
        let cases: [Case]
    }

    struct Case: Decodable {
        let name: String
        let players: [[Double]]
        let games: [Game]
    }

    struct Game: Decodable {
        let teams: [[Int]]
        let ranks: [Double]?
        let scores: [Double]?
        let expected: [[[Double]]]
    }

    /// Replays every case of the file at `path`; returns the number of games and the largest
    /// difference from the package's mu or sigma.
    static func replay(_ path: String) throws -> (games: Int, maxError: Double) {
        let file = try JSONDecoder().decode(CaseFile.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(file.package == "openskill" && file.model == "PlackettLuce")
        let model = PlackettLuce()
        #expect(file.parameters.mu == model.mu && file.parameters.sigma == model.sigma)
        #expect(file.parameters.beta == model.beta && file.parameters.kappa == model.kappa)
        #expect(file.parameters.tau == model.tau)
        var games = 0
        var maxError = 0.0
        for testCase in file.cases {
            var pool = testCase.players.map { Rating(mu: $0[0], sigma: $0[1]) }
            for (index, game) in testCase.games.enumerated() {
                let teams = game.teams.map { $0.map { pool[$0] } }
                let rated = if let ranks = game.ranks {
                    model.rate(teams: teams, ranks: ranks)
                } else {
                    model.rate(teams: teams, scores: try #require(game.scores))
                }
                for (team, players) in game.teams.enumerated() {
                    for (slot, player) in players.enumerated() {
                        let expected = game.expected[team][slot]
                        let error = max(abs(rated[team][slot].mu - expected[0]), abs(rated[team][slot].sigma - expected[1]))
                        maxError = max(maxError, error)
                        #expect(
                            error <= tolerance,
                            "\(testCase.name) game \(index) team \(team) player \(slot) (seed \(file.seed), openskill \(file.version)): \(rated[team][slot]) vs \(expected)"
                        )
                        pool[player] = rated[team][slot]
                    }
                }
                games += 1
            }
        }
        print("openskill \(file.version) cases \(path): \(games) games, max |error| \(maxError)")
        return (games, maxError)
    }

    @Test func matchesTheCommittedFixture() throws {
        let (games, maxError) = try Self.replay(Self.fixture)
        #expect(games >= 100)
        #expect(maxError <= Self.tolerance)
    }

    @Test(.enabled(if: requested != nil, "GRIDMMO_OPENSKILL_CASES is not set"))
    func matchesFreshCasesFromThePackage() throws {
        let (games, maxError) = try Self.replay(try #require(Self.requested))
        #expect(games > 0)
        #expect(maxError <= Self.tolerance)
    }
}
