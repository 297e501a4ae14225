import Foundation
import Testing
@testable import MMOEval

/// Entrant specs, shard specs and the PvP team draw: what is accepted, what is refused and why.
@Suite struct EntrantSpecTests {
    @Test func specsNameScriptedAgentsAndCheckpoints() throws {
        #expect(try EntrantSpec(parsing: "random") == EntrantSpec(name: "random", source: .scripted(.random)))
        #expect(try EntrantSpec(parsing: "mine=forager") == EntrantSpec(name: "mine", source: .scripted(.forager)))
        #expect(try EntrantSpec(parsing: "trained=runs/x/checkpoint.safetensors") == EntrantSpec(name: "trained", source: .checkpoint("runs/x/checkpoint.safetensors")))
        #expect(try EntrantSpec(parsing: "policy.safetensors") == EntrantSpec(name: "policy.safetensors", source: .checkpoint("policy.safetensors")))
        #expect(try EntrantSpec(parsing: "a=b=c/d").source == .checkpoint("b=c/d"))
    }

    @Test func unknownAgentsAndEmptyPartsAreRefusedByName() {
        #expect(throws: EvaluationError.unknownScriptedAgent("forrager")) { try EntrantSpec(parsing: "forrager") }
        #expect(throws: EvaluationError.unknownScriptedAgent("Combat")) { try EntrantSpec(parsing: "x=Combat") }
        #expect(throws: EvaluationError.malformedEntrant("=random")) { try EntrantSpec(parsing: "=random") }
        #expect(throws: EvaluationError.malformedEntrant("name=")) { try EntrantSpec(parsing: "name=") }
        #expect(EvaluationError.unknownScriptedAgent("forrager").description.contains("random, forager, combat"))
    }

    @Test func specsRoundTripThroughJSON() throws {
        for spec in [EntrantSpec(name: "a", source: .scripted(.combat)), EntrantSpec(name: "b", source: .checkpoint("x/y.safetensors"))] {
            let data = try JSONEncoder().encode(spec)
            #expect(try JSONDecoder().decode(EntrantSpec.self, from: data) == spec)
        }
    }

    @Test func shardsParseOnlyAsIndexOfCount() throws {
        #expect(try Shard(parsing: "0/1") == Shard.whole)
        #expect(try Shard(parsing: "3/4").index == 3)
        for bad in ["4/4", "-1/4", "1/0", "a/b", "1", "1/2/3", "", " 1/2", "+1/2"] {
            #expect(throws: EvaluationError.malformedShard(bad)) { try Shard(parsing: bad) }
        }
    }

    @Test func pvpTeamsAreDealtEvenlyOverGames() {
        var totals = [0, 0, 0]
        for game in 0..<30 {
            let owners = Matchmaker.teamEntrants(game: game, entrants: 3, teams: 16, seed: 9)
            #expect(owners.count == 16)
            for entrant in 0..<3 {
                #expect((5...6).contains(owners.count { $0 == entrant }))
                totals[entrant] += owners.count { $0 == entrant }
            }
            #expect(owners == Matchmaker.teamEntrants(game: game, entrants: 3, teams: 16, seed: 9))
        }
        #expect(totals == [160, 160, 160])
        #expect(Matchmaker.teamEntrants(game: 0, entrants: 3, teams: 16, seed: 9) != Matchmaker.teamEntrants(game: 0, entrants: 3, teams: 16, seed: 10))
    }

    @Test func plansRefuseLayoutsTheEntrantsDoNotFit() throws {
        let fixture = try EvaluationFixture(mode: .pvp, agents: [.random, .forager], episodes: 1, environments: 1)
        let entrants = fixture.plan.entrants
        func plan(_ mode: EvaluationMode, _ entrants: [PlannedEntrant], teams: Int, tasks: [PlannedTask]? = nil) throws {
            _ = try EvaluationPlan(mode: mode, entrants: entrants, episodes: 1, seed: 1, environments: 1, players: 64, teams: teams,
                                   tasks: tasks ?? fixture.plan.tasks, setup: fixture.plan.setup)
        }
        let third = PlannedEntrant(spec: EntrantSpec(name: "combat", source: .scripted(.combat)), fingerprint: "scripted:combat")
        #expect(throws: EvaluationError.entrantsDoNotFitTeams(entrants: 3, teams: 2)) { try plan(.pvp, entrants + [third], teams: 2) }
        #expect(throws: EvaluationError.teamsDoNotFit(players: 64, teams: 1)) { try plan(.pvp, entrants, teams: 1) }
        #expect(throws: EvaluationError.teamsDoNotFit(players: 64, teams: 3)) { try plan(.pvp, entrants, teams: 3) }
        #expect(throws: EvaluationError.tooFewEntrants(1)) { try plan(.pvp, [entrants[0]], teams: 8) }
        #expect(throws: EvaluationError.duplicateEntrant("random")) { try plan(.pve, [entrants[0], entrants[0]], teams: 1) }
        #expect(throws: EvaluationError.noEntrants) { try plan(.pve, [], teams: 1) }
        #expect(throws: EvaluationError.noTasks) { try plan(.pve, entrants, teams: 1, tasks: []) }
        #expect(throws: Never.self) { try Shard.whole.check(against: fixture.plan) }
        #expect(throws: EvaluationError.tooManyShards(shards: 2, batches: 1)) { try Shard(parsing: "1/2").check(against: fixture.plan) }
    }
}
