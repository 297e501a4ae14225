import Foundation
import Testing
@testable import MMOCore
@testable import MMOTasks

/// Curriculum files: every predicate survives a write and read, and every kind of bad file gets an
/// error naming the file, the entry and the problem.
struct CurriculumFileTests {
    /// One instance of each of the 34 predicates and the 6 combinators, with non-default arguments.
    static let everyCase: [TaskPredicate] = [
        .allDead, .stayAlive, .success, .tickGE(numTick: 1024),
        .checkAgentStatus(targets: [3, 4], status: .dead), .allMembersWithinRange(distance: 5),
        .canSeeAgent(target: 7), .canSeeGroup(targets: [1, 2, 9]), .canSeeTile(tileType: 4),
        .occupyTile(row: 70, col: 90), .distanceTraveled(distance: 33), .progressTowardCenter,
        .seizeTile(row: 60, col: 61, numTicks: 20, progressBonus: 35, seizeBonus: 25),
        .seizeCenter(numTicks: 50, progressBonus: 20), .seizeQuadCenter(numTicks: 10, quadrant: .third, progressBonus: 10),
        .protectLeader(targetProtect: 0, targetDestroy: [8, 16]), .attainSkill(skill: 3, level: 4, numAgent: 2),
        .gainExperience(skill: 7, experience: 300, numAgent: 1), .defeatEntity(agentType: .npc, level: 3, numAgent: 2),
        .scoreHit(combatStyle: 2, count: 10), .fireAmmo(item: 14, level: 2, quantity: 5),
        .fullyArmed(combatStyle: 1, level: 3, numAgent: 1), .countEvent(event: 41, count: 3),
        .harvestItem(item: 13, level: 3, quantity: 5), .consumeItem(item: 16, level: 1, quantity: 2),
        .equipItem(item: 5, level: 2, numAgent: 1), .ownItem(item: 17, level: 1, quantity: 3),
        .inventorySpaceGE(space: 4), .hoardGold(amount: 10), .earnGold(amount: 20), .spendGold(amount: 5),
        .makeProfit(amount: 7), .listItem(item: 2, level: 1, quantity: 1), .buyItem(item: 10, level: 5, quantity: 2),
        .and([.stayAlive, .tickGE(numTick: 8), .earnGold(amount: 1)]), .or([.allDead, .success]),
        .not(.countEvent(event: 1, count: 2)), .add(.hoardGold(amount: 1), .spendGold(amount: 2)),
        .sub(.tickGE(numTick: 3), .stayAlive), .mul(.and([.success]), .or([.not(.success)])),
    ]

    private func document(_ tasks: String) -> Data {
        Data(#"{"format": "gridmmo-curriculum", "version": 1, "tasks": [\#(tasks)]}"#.utf8)
    }

    private func error(_ data: Data) -> CurriculumError? {
        do {
            _ = try CurriculumFile.parse(data, file: "bad.json")
            return nil
        } catch {
            return error
        }
    }

    @Test func everyCaseRoundTrips() throws {
        let specs = Self.everyCase.enumerated().map { index, predicate in
            TaskSpec(name: "task_\(index)", predicate: predicate, rewardTo: index % 2 == 0 ? .agent : .team, weight: Double(index + 1) / 4, tags: ["t\(index)"])
        }
        let curriculum = Curriculum(specs: specs)
        let parsed = try CurriculumFile.parse(CurriculumFile.data(curriculum))
        #expect(parsed.specs == specs)
        for predicate in Self.everyCase {
            let text = CurriculumFile.predicateText(predicate)
            let back = try CurriculumFile.parse(document(#"{"name": "x", "predicate": \#(text)}"#))
            #expect(back.specs[0].predicate == predicate, "\(text)")
        }
    }

    @Test func writeIsAtomicAndLoadReadsItBack() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("curriculum-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let curriculum = Curriculum(specs: [TaskSpec(name: "a", predicate: .harvestItem(item: 13, level: 3, quantity: 5), tags: ["item"])])
        try CurriculumFile.write(curriculum, path: path)
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"))
        #expect(try CurriculumFile.load(path: path) == curriculum)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#"{"HarvestItem": {"item": "whetstone", "level": 3, "quantity": 5}}"#))
    }

    @Test func namesAndIdsAndDefaultsAreAccepted() throws {
        let parsed = try CurriculumFile.parse(document("""
            {"name": "a", "predicate": {"HarvestItem": {"item": 13, "level": 3.0, "quantity": 5}}},
            {"name": "b", "predicate": {"CountEvent": {"event": "EAT_FOOD", "N": 10}}, "reward_to": "team", "weight": 2},
            {"name": "c", "predicate": {"CanSeeTile": {"tile_type": "foilage"}}},
            {"name": "d", "predicate": {"AttainSkill": {"skill": "fishing", "level": 10, "num_agent": 1}}},
            {"name": "e", "predicate": {"ScoreHit": {"combat_style": "mage", "N": 5}}},
            {"name": "f", "predicate": {"SeizeCenter": {"num_ticks": 20}}},
            {"name": "g", "predicate": "StayAlive"}
            """))
        #expect(parsed.specs.map(\.predicate) == [
            .harvestItem(item: 13, level: 3, quantity: 5), .countEvent(event: 1, count: 10), .canSeeTile(tileType: 4),
            .attainSkill(skill: 3, level: 10, numAgent: 1), .scoreHit(combatStyle: 2, count: 5),
            .seizeCenter(numTicks: 20, progressBonus: 30), .stayAlive,
        ])
        #expect(parsed.specs[1].rewardTo == .team && parsed.specs[1].weight == 2 && parsed.specs[0].weight == 1)
    }

    @Test(arguments: [
        (#"{"name": "a", "predicate": {"HarvestItems": {}}}"#, "task 0 'a': predicate: unknown predicate 'HarvestItems' (did you mean HarvestItem"),
        (#"{"name": "a", "predicate": {"HarvestItem": {"item": "whetstone", "level": 3}}}"#, "task 0 'a': predicate.HarvestItem: missing argument 'quantity'"),
        (#"{"name": "a", "predicate": {"TickGE": {"num_tick": 3, "ticks": 4}}}"#, "task 0 'a': predicate.TickGE: unknown argument 'ticks' (it takes num_tick)"),
        (#"{"name": "a", "predicate": {"TickGE": {"num_tick": "many"}}}"#, "predicate.TickGE: argument 'num_tick' must be an integer, got a string"),
        (#"{"name": "a", "predicate": {"TickGE": {"num_tick": 2.5}}}"#, "argument 'num_tick' must be an integer, got 2.5"),
        (#"{"name": "a", "predicate": {"HarvestItem": {"item": "whetstone", "level": 0, "quantity": 5}}}"#, "argument 'level' must be in 1...10, got 0"),
        (#"{"name": "a", "predicate": {"HarvestItem": {"item": "whetstone", "level": 11, "quantity": 5}}}"#, "argument 'level' must be in 1...10, got 11"),
        (#"{"name": "a", "predicate": {"HarvestItem": {"item": "sword", "level": 1, "quantity": 5}}}"#, "argument 'item' unknown item kind 'sword'"),
        (#"{"name": "a", "predicate": {"HarvestItem": {"item": 99, "level": 1, "quantity": 5}}}"#, "argument 'item' unknown item kind id 99"),
        (#"{"name": "a", "predicate": {"HarvestItem": {"item": "ration", "level": 1, "quantity": -1}}}"#, "argument 'quantity' must be in 0...1000000, got -1"),
        (#"{"name": "a", "predicate": {"CountEvent": {"event": "EAT", "N": 1}}}"#, "argument 'event' unknown event kind 'EAT'"),
        (#"{"name": "a", "predicate": {"AND": [{"StayAlive": {}}, {"Nope": {}}]}}"#, "predicate.AND[1]: unknown predicate 'Nope'"),
        (#"{"name": "a", "predicate": {"SUB": [{"StayAlive": {}}]}}"#, "predicate.SUB: needs exactly 2 operands, got 1"),
        (#"{"name": "a", "predicate": {"AND": []}}"#, "task 0 'a': predicate.AND: needs at least 1 operand, got 0"),
        (#"{"name": "a", "predicate": {"NOT": {"OR": []}}}"#, "task 0 'a': predicate.NOT.OR: needs at least 1 operand, got 0"),
        (#"{"name": "a", "predicate": {"StayAlive": {}}, "weight": 0}"#, "task 0 'a': 'weight' must be > 0, got 0"),
        (#"{"name": "a", "predicate": {"StayAlive": {}}, "weight": -2.5}"#, "'weight' must be > 0, got -2.5"),
        (#"{"name": "a", "predicate": "Success", "weight": 1.7e308}, {"name": "b", "predicate": "Success", "weight": 1.7e308}"#,
         "task 1 'b': 'weight' 1.7e+308 brings the sum of the weights past the largest finite number"),
        (#"{"name": "a", "predicate": {"StayAlive": {}}, "reward_to": "world"}"#, #"'reward_to' must be "agent" or "team""#),
        (#"{"name": "a", "predicate": {"StayAlive": {}}, "colour": 1}"#, "unknown key 'colour'"),
        (#"{"name": "a"}"#, "task 0 'a': missing 'predicate'"),
        (#"{"name": "a", "predicate": {"StayAlive": {}}}, {"name": "b", "predicate": {"Success": {}}}, {"name": "a", "predicate": {"Success": {}}}"#, "task 2 'a': duplicate task name (also task 0)"),
    ])
    func badEntriesAreNamed(tasks: String, message: String) {
        let failure = error(document(tasks))
        #expect(failure?.file == "bad.json")
        #expect(failure?.description.hasPrefix("bad.json: task ") == true, "got: \(failure?.description ?? "no error")")
        #expect(failure?.description.contains(message) == true, "got: \(failure?.description ?? "no error")")
    }

    @Test(arguments: [
        ("this is not json", "bad.json: is not valid JSON"),
        ("[1, 2]", "bad.json: must hold a JSON object at the top level"),
        (#"{"format": "gridmmo-curriculum", "version": 1, "tasks": [{"name": "a", "predicate": "Success"}], "task": []}"#,
         "bad.json: unknown top-level key 'task' (keys: format, version, tasks)"),
        (#"{"format": "nmmo", "version": 1, "tasks": []}"#, #"bad.json: 'format' must be "gridmmo-curriculum", got "nmmo""#),
        (#"{"format": "gridmmo-curriculum", "version": 2, "tasks": []}"#, "bad.json: 'version' must be 1, got 2"),
        (#"{"format": "gridmmo-curriculum", "version": 1, "tasks": []}"#, "bad.json: 'tasks' must be a non-empty array"),
    ])
    func badDocumentsAreNamed(text: String, message: String) {
        let failure = error(Data(text.utf8))
        #expect(failure?.description.hasPrefix(message) == true, "got: \(failure?.description ?? "no error")")
    }

    /// `levels` predicates nested in a chain: `NOT`s (or single-operand `AND`s) around `StayAlive`.
    private func chain(_ levels: Int, of combinator: String = "NOT") -> String {
        let open = combinator == "NOT" ? #"{"NOT": "# : #"{"\#(combinator)": ["#
        let close = combinator == "NOT" ? "}" : "]}"
        return String(repeating: open, count: levels - 1) + #""StayAlive""# + String(repeating: close, count: levels - 1)
    }

    @Test func predicatesNestUpToTheLimit() throws {
        let deepest = CurriculumFile.maximumPredicateDepth
        let parsed = try CurriculumFile.parse(document(#"{"name": "a", "predicate": \#(chain(deepest))}, {"name": "b", "predicate": \#(chain(deepest, of: "AND"))}"#))
        let nots = (1..<deepest).reduce(TaskPredicate.stayAlive) { inner, _ in .not(inner) }
        let ands = (1..<deepest).reduce(TaskPredicate.stayAlive) { inner, _ in .and([inner]) }
        #expect(parsed.specs.map(\.predicate) == [nots, ands])
    }

    @Test(arguments: ["NOT", "AND"])
    func predicatesNestedTooDeeplyAreNamed(combinator: String) {
        let levels = CurriculumFile.maximumPredicateDepth + 1
        let failure = error(document(#"{"name": "a", "predicate": \#(chain(levels, of: combinator))}"#))
        let path = "predicate" + String(repeating: combinator == "NOT" ? ".NOT" : ".AND[0]", count: levels - 1)
        #expect(failure?.description == "bad.json: task 0 'a': \(path): predicates nest deeper than \(CurriculumFile.maximumPredicateDepth) levels")
    }

    /// Reading time used to grow with the cube of the nesting (500 levels took seconds, a 100 KB file
    /// of such tasks most of a minute) before the JSON reader refused the excess with its place.
    @Test func twoThousandLevelsAreRefusedWithTheirPlace() {
        let description = error(document(#"{"name": "a", "predicate": \#(chain(2_000))}"#))?.description ?? "no error"
        #expect(description.hasPrefix("bad.json: is not valid JSON: line 1, column "), "got: \(description)")
        #expect(description.hasSuffix("nesting deeper than 512 arrays and objects"), "got: \(description)")
    }

    @Test func filesLargerThanTheLimitAreRefused() throws {
        let valid = document(#"{"name": "a", "predicate": "Success"}"#)
        let largest = valid + Data(repeating: UInt8(ascii: " "), count: CurriculumFile.largestFile - valid.count)
        #expect(try CurriculumFile.parse(largest).specs.count == 1)
        let tooLarge = largest + Data(" ".utf8)
        #expect(error(tooLarge)?.description == "bad.json: is \(tooLarge.count) bytes, more than the \(CurriculumFile.largestFile) bytes a curriculum file may have")
    }

    /// Text from the file is quoted as a 40-character excerpt, so that a long value makes neither a
    /// huge error line nor (as an unknown predicate name compared with every known one) a slow one.
    @Test func longTextIsQuotedAsAnExcerpt() {
        let long = String(repeating: "x", count: 1_000_000)
        let excerpt = String(repeating: "x", count: 39) + "…"
        let documents = [
            document(#"{"name": "a", "predicate": {"\#(long)": {}}}"#),
            document(#"{"name": "a", "predicate": {"TickGE": {"\#(long)": 1}}}"#),
            document(#"{"name": "a", "predicate": "Success", "\#(long)": 1}"#),
            document(#"{"name": "a", "predicate": {"CanSeeTile": {"tile_type": "\#(long)"}}}"#),
            document(#"{"name": "a", "predicate": "Success", "reward_to": "\#(long)"}"#),
            document(#"{"name": "\#(long)", "predicate": "Nope"}"#),
            Data(#"{"format": "\#(long)", "version": 1, "tasks": []}"#.utf8),
        ]
        for data in documents {
            let description = error(data)?.description ?? "no error"
            #expect(description.contains(excerpt), "\(description.prefix(200))")
            #expect(description.utf8.count < 300, "\(description.prefix(200))")
        }
    }

    @Test func unreadableFileIsNamed() {
        #expect(throws: CurriculumError.self) { try CurriculumFile.load(path: "/nonexistent/train.json") }
        do {
            _ = try CurriculumFile.load(path: "/nonexistent/train.json")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/train.json: cannot be read"))
        }
    }

    @Test func aDirectoryIsNotACurriculum() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gridmmo-curriculum-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: CurriculumError(file: directory, message: "is a directory, not a file")) { try CurriculumFile.load(path: directory) }
    }

    @Test func writingUsesATemporaryFileOfItsOwn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gridmmo-curriculum-\(UUID().uuidString)").path
        let path = directory + "/tasks.json"
        // The old fixed temporary name: a directory there must not stop the writer.
        try FileManager.default.createDirectory(atPath: path + ".tmp", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let curriculum = Curriculum(specs: [TaskSpec(name: "tick", predicate: .tickGE(numTick: 3))])
        try CurriculumFile.write(curriculum, path: path)
        #expect(try CurriculumFile.load(path: path) == curriculum)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["tasks.json", "tasks.json.tmp"])
        try #require(mkfifo(directory + "/fifo.json", 0o600) == 0)
        #expect(throws: CurriculumError(file: directory + "/fifo.json", message: "is a FIFO, not a regular file")) { try CurriculumFile.write(curriculum, path: directory + "/fifo.json") }
    }
}
