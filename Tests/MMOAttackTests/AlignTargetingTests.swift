import Testing
@testable import MMOAttack

/// The targeted variants attack the places with the lowest clean J_i, the same in every team.
@Suite struct AlignTargetingTests {
    @Test func picksTheLowestErrorsAscending() {
        #expect(AlignTargeting.mostAligned(errors: [0.5, 0.1, 0.3, 0.1, .infinity], count: 2) == [1, 3])
        #expect(AlignTargeting.mostAligned(errors: [0.5, 0.1, 0.3, 0.1, .infinity], count: 3) == [1, 2, 3])
        #expect(AlignTargeting.mostAligned(errors: [0.2, 0.2, 0.2], count: 2) == [0, 1])
        #expect(AlignTargeting.mostAligned(errors: [0.2, 0.2, 0.2], count: 0) == [])
    }

    @Test func targetsTheSelectedPlacesOfEveryTeam() {
        let team = AttackTargets(agentsPerEnv: 16, environments: 2, teamSize: 4, slots: [0, 1, 2, 3])
        var fit = AlignmentFitReport()
        fit.placeValidationMSE = [0.4, 0.05, 0, 0.1]
        fit.placeValidationPairs = [10, 10, 0, 10]
        let targets = AlignTargeting.targets(team: team, fit: fit, count: 2)
        // Place 2 has no validation pairs: never chosen, whatever its stored error.
        #expect(targets.slots == [1, 3])
        #expect(targets.groups == 8 && targets.agent(group: 5, index: 1) == 16 + 4 + 3)
    }

    @Test func restrictsSamplesToTheSelectedPlaces() {
        // Two samples of three places, dimension 2; in the second, only place 0 of {0, 2} lives.
        let samples = AlignmentSamples(places: 3, dimension: 2, vectors: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], living: [1, 1, 1, 1, 1, 0])
        let restricted = samples.restricted(to: [0, 2])
        #expect(restricted.places == 2 && restricted.count == 1)
        #expect(Array(restricted.vectors.prefix(4)) == [1, 2, 5, 6] && Array(restricted.living.prefix(2)) == [1, 1])
    }
}
