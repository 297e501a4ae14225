import Foundation
import Testing
@testable import MMOCore
@testable import MMOTasks

/// The files in `curricula/` load, match their generator and have the promised contents.
struct ShippedCurriculaTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("curricula").path

    private func load(_ name: String) throws -> Curriculum {
        try CurriculumFile.load(path: (Self.directory as NSString).appendingPathComponent(name))
    }

    /// The predicate and every predicate inside it.
    static func parts(_ predicate: TaskPredicate) -> [TaskPredicate] {
        [predicate] + (Combinator.split(predicate)?.operands.flatMap(parts) ?? [])
    }

    private func tagCounts(_ curriculum: Curriculum) -> [String: Int] {
        curriculum.specs.reduce(into: [:]) { counts, spec in
            for tag in spec.tags { counts[tag, default: 0] += 1 }
        }
    }

    @Test func filesMatchTheGenerator() throws {
        for (name, curriculum) in ShippedCurricula.files {
            #expect(try load(name) == curriculum, "\(name) is stale: run gridmmo tasks generate --out curricula")
        }
    }

    @Test func trainingSpansEveryPredicateAndCategory() throws {
        let train = try load("train.json")
        #expect(train.specs.count >= 1000)
        let all = train.specs.flatMap { Self.parts($0.predicate) }
        #expect(Set(all.compactMap { PredicateRegistry.entry(of: $0)?.form.name }) == Set(PredicateRegistry.forms.map(\.name)))
        #expect(Set(all.compactMap { Combinator.split($0)?.combinator }) == Set(Combinator.allCases))
        let tags = tagCounts(train)
        for category in ShippedCurricula.categories {
            #expect((tags[category] ?? 0) >= 20, "\(category): \(tags[category] ?? 0)")
        }
        #expect(train.specs.contains { $0.rewardTo == .team })
    }

    @Test func heldOutHasTheCompetitionCategories() throws {
        let heldOut = try load("eval_heldout.json")
        #expect(heldOut.specs.count == 63)
        #expect(heldOut.specs.allSatisfy { $0.tags.count == 1 })
        #expect(tagCounts(heldOut) == ["survival": 1, "combat": 3, "exploration": 2, "skill": 8, "item": 44, "market": 5])
    }

    @Test func heldOutIsDisjointFromTraining() throws {
        let seen = try load("train.json").specs.flatMap { Self.parts($0.predicate) }
        for spec in try load("eval_heldout.json").specs {
            for part in Self.parts(spec.predicate) where seen.contains(part) {
                Issue.record("held-out task \(spec.name) uses a training predicate: \(CurriculumFile.predicateText(part))")
            }
        }
    }

    @Test func sampleSetIsTheCompetitions() throws {
        let sample = try load("eval_sample.json").specs.map(\.predicate)
        #expect(sample.count == 24)
        #expect(sample.filter { $0 == .tickGE(numTick: 1024) }.count == 1)
        #expect(sample.filter { $0 == .earnGold(amount: 50) }.count == 1)
        let events = sample.compactMap { predicate -> Int? in
            if case .countEvent(let event, 10) = predicate { return event } else { return nil }
        }
        #expect(events.count == 14 && Set(events).count == 14)
        let skills = sample.compactMap { predicate -> Int? in
            if case .attainSkill(let skill, 10, 1) = predicate { return skill } else { return nil }
        }
        #expect(Set(skills) == Set(0..<8) && skills.count == 8)
    }
}
