import Foundation
import Testing
@testable import MMOCore
@testable import MMOTasks

/// The predicate registry: one entry per leaf `TaskPredicate` case under its Neural MMO name, and
/// each entry's build, decompose, JSON printing and parsing agree, for sample arguments and for
/// every predicate in the shipped curricula.
struct PredicateRegistryTests {
    /// Neural MMO's name of each leaf case, nil for combinators. The switch is exhaustive, so a new
    /// `TaskPredicate` case does not compile here until it is named (give it a sample in
    /// `CurriculumFileTests.everyCase` too).
    private static func referenceName(_ predicate: TaskPredicate) -> String? {
        switch predicate {
        case .allDead: return "AllDead"
        case .stayAlive: return "StayAlive"
        case .success: return "Success"
        case .tickGE: return "TickGE"
        case .checkAgentStatus: return "CheckAgentStatus"
        case .allMembersWithinRange: return "AllMembersWithinRange"
        case .canSeeAgent: return "CanSeeAgent"
        case .canSeeGroup: return "CanSeeGroup"
        case .canSeeTile: return "CanSeeTile"
        case .occupyTile: return "OccupyTile"
        case .distanceTraveled: return "DistanceTraveled"
        case .progressTowardCenter: return "ProgressTowardCenter"
        case .seizeTile: return "SeizeTile"
        case .seizeCenter: return "SeizeCenter"
        case .seizeQuadCenter: return "SeizeQuadCenter"
        case .protectLeader: return "ProtectLeader"
        case .attainSkill: return "AttainSkill"
        case .gainExperience: return "GainExperience"
        case .defeatEntity: return "DefeatEntity"
        case .scoreHit: return "ScoreHit"
        case .fireAmmo: return "FireAmmo"
        case .fullyArmed: return "FullyArmed"
        case .countEvent: return "CountEvent"
        case .harvestItem: return "HarvestItem"
        case .consumeItem: return "ConsumeItem"
        case .equipItem: return "EquipItem"
        case .ownItem: return "OwnItem"
        case .inventorySpaceGE: return "InventorySpaceGE"
        case .hoardGold: return "HoardGold"
        case .earnGold: return "EarnGold"
        case .spendGold: return "SpendGold"
        case .makeProfit: return "MakeProfit"
        case .listItem: return "ListItem"
        case .buyItem: return "BuyItem"
        case .and, .or, .not, .add, .sub, .mul: return nil
        }
    }

    /// One predicate of each leaf case.
    private static let leaves = CurriculumFileTests.everyCase.filter { referenceName($0) != nil }

    /// Valid argument values for `form`, none equal to a default and each number different from the
    /// others, so that swapped or dropped arguments show: an enumeration's last id, a number a few
    /// above its range's bottom (more for later arguments), two player slots for a list.
    private static func sampleValues(_ form: PredicateForm) -> [ArgumentValue] {
        form.arguments.enumerated().map { position, argument in
            if argument.kind == .slots { return .many([2, 5 + position]) }
            if let last = argument.kind.names.last { return .one(last.id) }
            return .one(argument.kind.range.lowerBound + 3 + position)
        }
    }

    /// Reads a predicate back from its curriculum-file text.
    private static func parse(_ text: String) throws -> TaskPredicate {
        try PredicateSyntax.predicate(from: JSONValue.parse(Data(text.utf8)), path: "predicate")
    }

    @Test func everyLeafCaseHasExactlyOneEntryUnderItsReferenceName() {
        let names = PredicateRegistry.forms.map(\.name)
        #expect(Self.leaves.count == names.count)
        #expect(Set(Self.leaves.compactMap(Self.referenceName)) == Set(names))
        for leaf in Self.leaves {
            let decomposing = PredicateRegistry.forms.filter { $0.decompose(leaf) != nil }.map(\.name)
            #expect(decomposing == [Self.referenceName(leaf) ?? "a combinator"], "\(leaf)")
        }
        for form in PredicateRegistry.forms {
            #expect(Self.referenceName(form.build(Self.sampleValues(form))) == form.name)
        }
    }

    @Test func namesAreUniqueAndFindTheirEntry() {
        let names = PredicateRegistry.forms.map(\.name) + Combinator.allCases.map(\.rawValue)
        #expect(Set(names).count == names.count)
        for form in PredicateRegistry.forms {
            #expect(PredicateRegistry.form(named: form.name)?.name == form.name)
            let keys = form.arguments.map(\.key)
            #expect(Set(keys).count == keys.count, "\(form.name)")
        }
        #expect(PredicateRegistry.form(named: "harvestitem") == nil)
    }

    @Test func everyEntryRoundTripsThroughDecomposeAndBuild() throws {
        for (position, form) in PredicateRegistry.forms.enumerated() {
            let values = Self.sampleValues(form)
            let predicate = form.build(values)
            #expect(form.decompose(predicate) == values, "\(form.name)")
            let entry = try #require(PredicateRegistry.entry(of: predicate))
            #expect(entry.position == position && entry.form.name == form.name && entry.values == values)
        }
        for leaf in Self.leaves {
            let entry = try #require(PredicateRegistry.entry(of: leaf))
            #expect(entry.form.build(entry.values) == leaf)
        }
    }

    @Test func everyEntryRoundTripsThroughJSON() throws {
        for form in PredicateRegistry.forms {
            let predicate = form.build(Self.sampleValues(form))
            let text = CurriculumFile.predicateText(predicate)
            #expect(text.hasPrefix("{\"\(form.name)\": {"), "\(text)")
            for argument in form.arguments {
                #expect(text.contains("\"\(argument.key)\": "), "\(text) lacks \(argument.key)")
            }
            #expect(try Self.parse(text) == predicate, "\(text)")
        }
    }

    @Test func leftOutArgumentsTakeTheirDefaults() throws {
        let defaulted = PredicateRegistry.forms.filter { form in form.arguments.contains { $0.defaultValue != nil } }
        #expect(defaulted.map(\.name) == ["SeizeTile", "SeizeCenter", "SeizeQuadCenter"])
        for form in defaulted {
            let values = Self.sampleValues(form)
            guard case .object(let written)? = PredicateSyntax.json(form.build(values))[form.name] else {
                Issue.record("\(form.name) is not written as an object of arguments")
                continue
            }
            let required = written.filter { pair in form.arguments.contains { $0.key == pair.key && $0.defaultValue == nil } }
            #expect(required.count < written.count)
            let parsed = try PredicateSyntax.predicate(from: .object([(form.name, .object(required))]), path: "predicate")
            let expected = zip(form.arguments, values).map { argument, value in argument.defaultValue.map(ArgumentValue.one) ?? value }
            #expect(form.decompose(parsed) == expected, "\(form.name)")
        }
    }

    @Test func shippedCurriculaRoundTripAndPrintAsShipped() throws {
        for (name, curriculum) in ShippedCurricula.files {
            let path = (ShippedCurriculaTests.directory as NSString).appendingPathComponent(name)
            #expect(CurriculumFile.data(curriculum) == FileManager.default.contents(atPath: path), "\(name) prints differently")
            for spec in curriculum.specs {
                #expect(try Self.parse(CurriculumFile.predicateText(spec.predicate)) == spec.predicate, "\(spec.name)")
                for part in ShippedCurriculaTests.parts(spec.predicate) where Combinator.split(part) == nil {
                    let entry = try #require(PredicateRegistry.entry(of: part), "\(spec.name)")
                    #expect(entry.form.build(entry.values) == part, "\(spec.name)")
                }
            }
        }
    }
}
